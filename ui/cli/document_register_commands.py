"""`letters list|reprint|cancel|template` (the register and the wording) and
`signatories list|add|deactivate|activate`."""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from models.enums import DocumentKind, DocumentStatus
from services.core.errors import SiRentanError
from services.core.file_output import write_bytes_atomically
from services.text.formatting import short_date
from ui.cli.options import record_id, year
from ui.cli.signin import add_user_option, signed_in

if TYPE_CHECKING:
    from services import documents as docs

KINDS = {
    "pengantar": DocumentKind.REGISTRATION,
    "klaim": DocumentKind.CLAIM,
    "keterangan": DocumentKind.MEMBERSHIP,
    "ahli-waris": DocumentKind.HEIR_NOTICE,
    "iuran": DocumentKind.PREMIUM,
    "pks": DocumentKind.AGREEMENT,
}


def add_commands(commands: argparse._SubParsersAction) -> None:
    _letters_parser(commands)
    _signatories_parser(commands)


# -- the register ------------------------------------------------------------------


def _letters_parser(commands: argparse._SubParsersAction) -> None:
    group = commands.add_parser("letters", help="buku agenda surat keluar dan templat surat")
    sub = group.add_subparsers(dest="letters_command", metavar="PERINTAH", required=True)
    listing = sub.add_parser("list", help="isi buku agenda, terbaru di atas")
    listing.add_argument("--year", type=year)
    listing.add_argument("--type", choices=list(KINDS))
    listing.add_argument("--status", choices=[s.value for s in DocumentStatus])
    listing.add_argument("--text", default="", help="bagian nomor, hal atau tujuan")
    listing.add_argument("--json", action="store_true")
    _done(listing, _list)
    again = sub.add_parser("reprint", help="cetak ulang: PDF yang sama persis dengan saat terbit")
    again.add_argument("number", metavar="NOMOR")
    again.add_argument("-o", "--output", type=Path, required=True, metavar="BERKAS.pdf")
    _done(again, _reprint)
    cancel = sub.add_parser("cancel", help="batalkan nomor (tetap tercatat, dengan alasan)")
    cancel.add_argument("number", metavar="NOMOR")
    cancel.add_argument("--reason", required=True)
    _done(cancel, _cancel)
    template = sub.add_parser("template", help="templat kata-kata surat dan pasal PKS")
    template.add_argument("action", choices=["list", "show", "set", "reset"])
    template.add_argument("key", nargs="?", metavar="KUNCI", help="mis. agreement, letter.klaim")
    template.add_argument("file", nargs="?", type=Path, metavar="BERKAS.txt", help="untuk set")
    _done(template, _template)


def _done(parser: argparse.ArgumentParser, handler: Callable[[argparse.Namespace], int]) -> None:
    add_user_option(parser)
    parser.set_defaults(handler=handler)


def _list(args: argparse.Namespace) -> int:
    from services import documents as docs

    ctx = signed_in(args)
    query = docs.DocumentQuery(
        year=args.year,
        kind=KINDS[args.type] if args.type else None,
        status=DocumentStatus(args.status) if args.status else None,
        text=args.text,
    )
    entries = docs.list_documents(ctx, query)
    if args.json:
        print(json.dumps([_entry_json(e) for e in entries], ensure_ascii=False, indent=1))
        return 0
    for e in entries:
        note = f" — {e.status_label}: {e.status_reason}" if e.status_reason else ""
        print(f"{e.number:<40} {short_date(e.document_date)}  {e.kind_label}: {e.subject}{note}")
    print(f"{len(entries)} surat.")
    return 0


def _entry_json(entry: docs.DocumentEntry) -> dict[str, Any]:
    return {
        "number": entry.number,
        "date": entry.document_date.isoformat(),
        "kind": entry.kind.value,
        "subject": entry.subject,
        "addressee": entry.addressee,
        "signatory": entry.signatory_name,
        "status": entry.status.value,
        "status_reason": entry.status_reason,
        "replaces": entry.replaces_number,
        "replaced_by": entry.replaced_by_number,
        "pages": entry.page_count,
        "sha256": entry.sha256,
    }


def _reprint(args: argparse.Namespace) -> int:
    from services import documents as docs

    ctx = signed_in(args)
    issued = docs.reprint_document(ctx, args.number)
    write_bytes_atomically(args.output, issued.pdf)
    print(f"Surat {issued.number} (SHA-256 {issued.sha256[:12]}…) ditulis ke {args.output}.")
    return 0


def _cancel(args: argparse.Namespace) -> int:
    from services import documents as docs

    entry = docs.cancel_document(signed_in(args), args.number, args.reason)
    print(f"Nomor {entry.number} dibatalkan; tetap tercatat di buku agenda.")
    return 0


def _template(args: argparse.Namespace) -> int:
    from services import documents as docs

    ctx = signed_in(args)
    if args.action == "list":
        for spec in docs.all_templates():
            print(f"{spec.key:<22} {spec.label}")
        return 0
    if not args.key:
        raise SiRentanError("Sebutkan kunci templat (lihat 'letters template list').")
    if args.action == "show":
        print(docs.load_template_by_key(ctx, args.key).text, end="")
        return 0
    if args.action == "reset":
        docs.reset_template_by_key(ctx, args.key)
        print(f"Templat {args.key} kembali ke bawaan aplikasi.")
        return 0
    if args.file is None:
        raise SiRentanError("Sebutkan berkas teks templat yang baru.")
    docs.save_template_by_key(ctx, args.key, args.file.read_text(encoding="utf-8"))
    print(f"Templat {args.key} disimpan; surat berikutnya memakainya.")
    return 0


# -- signatories -------------------------------------------------------------------


def _signatories_parser(commands: argparse._SubParsersAction) -> None:
    group = commands.add_parser("signatories", help="pejabat penandatangan surat")
    sub = group.add_subparsers(dest="signatories_command", metavar="PERINTAH", required=True)
    listing = sub.add_parser("list", help="penandatangan aktif")
    listing.add_argument("--all", action="store_true", help="termasuk yang nonaktif")
    _done(listing, _signatories_list)
    add = sub.add_parser("add", help="tambah penandatangan")
    add.add_argument("--name", required=True)
    add.add_argument("--position", required=True, help="jabatan, mis. Kepala Dinas …")
    add.add_argument("--rank", help="pangkat/golongan, mis. 'Pembina Utama Muda (IV/c)'")
    add.add_argument("--nip", help="18 angka")
    add.add_argument("--on-behalf-of", help="a.n. jabatan atasan, mis. 'Bupati Timor Tengah Utara'")
    add.add_argument("--regional-head", action="store_true", help="Bupati/Wakil: tanpa NIP")
    _particulars(add)
    _done(add, _signatories_add)
    change = sub.add_parser(
        "set", help="ubah pangkat, NIP, dasar kewenangan, pelimpahan atau alamat kantor"
    )
    change.add_argument("id", type=int, metavar="ID")
    change.add_argument("--rank", help="pangkat/golongan, mis. 'Pembina Utama Muda (IV/c)'")
    change.add_argument("--nip", help="18 angka")
    _particulars(change)
    _done(change, _signatories_set)
    for name, active in (("deactivate", False), ("activate", True)):
        change = sub.add_parser(name, help="nonaktifkan" if not active else "aktifkan lagi")
        change.add_argument("id", type=record_id, metavar="ID")
        change.set_defaults(active=active)
        _done(change, _signatories_active)


def _particulars(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--authority",
        metavar="TEKS",
        help="dasar kewenangan menandatangani PKS, mis. SK pengangkatan dan pasal UU 23/2014",
    )
    parser.add_argument(
        "--delegation",
        metavar="TEKS",
        help="Kepala Dinas: keputusan Bupati yang melimpahkan kewenangan menandatangani PKS",
    )
    parser.add_argument("--office-address", metavar="TEKS", help="alamat kantor pejabat")


def _signatories_set(args: argparse.Namespace) -> int:
    from services import documents as docs

    ctx = signed_in(args)
    current = docs.get_signatory(ctx, args.id)
    item = docs.update_signatory(
        ctx,
        args.id,
        docs.SignatoryInput(
            name=current.name,
            position=current.position,
            rank=args.rank if args.rank is not None else current.rank,
            nip=args.nip if args.nip is not None else current.nip,
            on_behalf_of=current.on_behalf_of,
            regional_head=current.regional_head,
            active=current.active,
            authority=args.authority if args.authority is not None else current.authority,
            delegation=args.delegation if args.delegation is not None else current.delegation,
            office_address=(
                args.office_address if args.office_address is not None else current.office_address
            ),
        ),
    )
    print(f"Penandatangan {item.name} diperbarui.")
    return 0


def _signatories_list(args: argparse.Namespace) -> int:
    from services import documents as docs

    for s in docs.list_signatories(signed_in(args), active_only=not args.all):
        extra = f" NIP {s.nip}" if s.nip else ""
        state = "" if s.active else " (nonaktif)"
        print(f"{s.id:>4}  {s.name} — {s.position}{extra}{state}")
    return 0


def _signatories_add(args: argparse.Namespace) -> int:
    from services import documents as docs

    item = docs.add_signatory(
        signed_in(args),
        docs.SignatoryInput(
            name=args.name,
            position=args.position,
            rank=args.rank,
            nip=args.nip,
            on_behalf_of=args.on_behalf_of,
            regional_head=args.regional_head,
            authority=args.authority,
            delegation=args.delegation,
            office_address=args.office_address,
        ),
    )
    print(f"Penandatangan {item.name} dicatat dengan ID {item.id}.")
    return 0


def _signatories_active(args: argparse.Namespace) -> int:
    from services import documents as docs

    item = docs.set_signatory_active(signed_in(args), args.id, args.active)
    print(f"Penandatangan {item.name} {'aktif' if item.active else 'dinonaktifkan'}.")
    return 0
