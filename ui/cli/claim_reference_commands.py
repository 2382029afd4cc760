"""`claims checklist list|set` and `claims rates list|set`: the document checklist and the
benefit table the claims work from (changing them needs an administrator).

``set`` edits the row with that key, changing only the options given; a new key starts
from the table's defaults (checklist) or from the newest row of the same code (rates, so
a new amount from a date needs only ``--valid-from`` and ``--amount``)."""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable
from dataclasses import asdict, replace
from typing import Any

from models.enums import BenefitBasis, ClaimType, EducationLevel
from services.text.formatting import short_date
from services.text.labels import BENEFIT_CONDITIONS, CHECKLIST_CONDITIONS
from ui.cli.options import MAX_RUPIAH, bounded_int, parse_cli_date
from ui.cli.signin import signed_in

Done = Callable[[argparse.ArgumentParser, Any], None]


def add_commands(sub: argparse._SubParsersAction, done: Done) -> None:
    items = sub.add_parser("checklist", help="daftar dokumen klaim per jenis (dapat diubah)")
    items_sub = items.add_subparsers(dest="checklist_command", metavar="PERINTAH", required=True)
    listing = items_sub.add_parser("list", help="dokumen per jenis klaim, urut tampil")
    listing.add_argument("--type", choices=[t.value for t in ClaimType])
    listing.add_argument("--json", action="store_true", help="keluaran JSON")
    done(listing, _checklist_list)
    item = items_sub.add_parser("set", help="ubah atau tambah satu dokumen")
    item.add_argument("type", choices=[t.value for t in ClaimType], metavar="JENIS")
    item.add_argument("code", metavar="KODE", help="mis. akta_kematian")
    item.add_argument("--label", help="nama dokumen (wajib untuk dokumen baru)")
    item.add_argument("--hint", help="penjelasan untuk keluarga di daftar kekurangan berkas")
    item.add_argument(
        "--condition",
        help=f"kapan berlaku, kode dipisah spasi: {', '.join(CHECKLIST_CONDITIONS)} "
        "(kosong: selalu)",
    )
    _flag(item, "required", "--required", "--optional", "wajib", "tidak wajib")
    item.add_argument("--order", type=bounded_int(0, 10_000, "urutan"), help="urutan tampil")
    _flag(item, "active", "--active", "--inactive", "dipakai lagi", "tidak dipakai lagi")
    done(item, _checklist_set)

    rates = sub.add_parser("rates", help="tabel manfaat dengan tanggal berlaku (dapat diubah)")
    rates_sub = rates.add_subparsers(dest="rates_command", metavar="PERINTAH", required=True)
    listing = rates_sub.add_parser("list", help="seluruh baris tabel manfaat")
    listing.add_argument("--json", action="store_true", help="keluaran JSON")
    done(listing, _rates_list)
    rate = rates_sub.add_parser("set", help="ubah satu baris, atau tambah baris berlaku mulai")
    rate.add_argument("code", metavar="KODE", help="mis. jkm_biaya_pemakaman")
    rate.add_argument("--valid-from", required=True, type=parse_cli_date, metavar="YYYY-MM-DD")
    rate.add_argument("--valid-to", type=parse_cli_date, metavar="YYYY-MM-DD")
    rate.add_argument("--open-ended", action="store_true", help="hapus tanggal akhir berlaku")
    rate.add_argument("--label")
    rate.add_argument("--condition", choices=list(BENEFIT_CONDITIONS))
    rate.add_argument("--basis", choices=[b.value for b in BenefitBasis])
    rate.add_argument("--amount", type=bounded_int(0, MAX_RUPIAH, "jumlah"), help="jumlah (Rp)")
    rate.add_argument(
        "--multiplier", type=bounded_int(0, 1000, "pengali"), help="pengali penghasilan"
    )
    rate.add_argument(
        "--minimum", type=bounded_int(0, MAX_RUPIAH, "jumlah"), help="paling sedikit (Rp)"
    )
    rate.add_argument("--level", choices=[e.value for e in EducationLevel], help="beasiswa")
    rate.add_argument(
        "--max-years", type=bounded_int(0, 100, "tahun"), help="beasiswa: paling lama (tahun)"
    )
    rate.add_argument("--order", type=bounded_int(0, 10_000, "urutan"), help="urutan tampil")
    rate.add_argument("--source", help="dasar hukum baris ini, mis. 'Permenaker 1/2025'")
    rate.add_argument(
        "--funeral",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="biaya pemakaman (dibayar kepada pengurus pemakaman bila tidak ada ahli waris)",
    )
    done(rate, _rates_set)


def _flag(
    parser: argparse.ArgumentParser, dest: str, yes: str, no: str, yes_help: str, no_help: str
) -> None:
    group = parser.add_mutually_exclusive_group()
    group.add_argument(yes, dest=dest, action="store_true", default=None, help=yes_help)
    group.add_argument(no, dest=dest, action="store_false", help=no_help)


# --- checklist ---------------------------------------------------------------------------


def _checklist_list(args: argparse.Namespace) -> int:
    from services import claims

    ctx = signed_in(args)
    types = [ClaimType(args.type)] if args.type else list(ClaimType)
    rows = [row for t in types for row in claims.list_checklist(ctx, t)]
    if args.json:
        print(json.dumps([asdict(r) for r in rows], indent=2, ensure_ascii=False))
        return 0
    for r in rows:
        need = "wajib" if r.required else "tidak wajib"
        when = f" [bila: {r.condition}]" if r.condition else ""
        off = " (tidak dipakai)" if not r.active else ""
        head = f"{r.claim_type.upper():<4} {r.sort_order:>4}  {r.code:<22} {need:<11}"
        print(f"{head} {r.label}{when}{off}")
    print(f"{len(rows)} dokumen.")
    return 0


def _checklist_set(args: argparse.Namespace) -> int:
    from services import claims

    ctx = signed_in(args)
    claim_type = ClaimType(args.type)
    rows = claims.list_checklist(ctx, claim_type)
    current = next((r for r in rows if r.code == args.code), None)
    if current is None:
        current = claims.ChecklistRow(
            claim_type=claim_type,
            code=args.code,
            label="",
            hint=None,
            condition="",
            required=True,
            sort_order=max((r.sort_order for r in rows), default=0) + 10,
            active=True,
        )
    changes = {
        "label": args.label,
        "hint": args.hint,
        "condition": args.condition,
        "required": args.required,
        "sort_order": args.order,
        "active": args.active,
    }
    item = replace(current, **{k: v for k, v in changes.items() if v is not None})
    saved = claims.save_checklist_item(ctx, item)
    print(f"Dokumen {saved.claim_type.upper()} {saved.code} disimpan: {saved.label}.")
    return 0


# --- rates -------------------------------------------------------------------------------


def _rates_list(args: argparse.Namespace) -> int:
    from services import claims
    from services.claims.labels import rate_text

    rows = claims.list_benefit_rates(signed_in(args))
    if args.json:
        print(json.dumps([asdict(r) for r in rows], indent=2, ensure_ascii=False, default=str))
        return 0
    for r in rows:
        until = short_date(r.valid_to) if r.valid_to else "sekarang"
        print(
            f"{r.code:<24} {short_date(r.valid_from)} s.d. {until:<10}  {r.condition:<18} "
            f"{rate_text(r):<28} {r.label}"
            + (" [pemakaman]" if r.funeral else "")
            + (f" — {r.source}" if r.source else "")
        )
    print(f"{len(rows)} baris manfaat.")
    return 0


def _rates_set(args: argparse.Namespace) -> int:
    from services import claims
    from services.claims.labels import rate_text

    ctx = signed_in(args)
    every = claims.list_benefit_rates(ctx)
    rows = [r for r in every if r.code == args.code]
    current = next((r for r in rows if r.valid_from == args.valid_from), None)
    newest = max(rows, key=lambda r: r.valid_from, default=None)
    if current is None and newest is not None:
        # A new row copies the figures, not the regulation the old row came from.
        current = replace(newest, valid_from=args.valid_from, valid_to=None, source=None)
    if current is None:
        current = claims.RateRow(
            code=args.code,
            label="",
            condition="",
            basis=BenefitBasis.FIXED,
            amount=None,
            multiplier=None,
            minimum=None,
            education_level=None,
            max_years=None,
            valid_from=args.valid_from,
            valid_to=None,
            sort_order=max((r.sort_order for r in every), default=0) + 10,
        )
    changes = {
        "label": args.label,
        "condition": args.condition,
        "basis": BenefitBasis(args.basis) if args.basis else None,
        "amount": args.amount,
        "multiplier": args.multiplier,
        "minimum": args.minimum,
        "education_level": EducationLevel(args.level) if args.level else None,
        "max_years": args.max_years,
        "valid_to": args.valid_to,
        "sort_order": args.order,
        "source": args.source,
        "funeral": args.funeral,
    }
    given = {k: v for k, v in changes.items() if v is not None}
    if args.open_ended:
        given["valid_to"] = None
    saved = claims.save_benefit_rate(ctx, replace(current, **given))
    until = short_date(saved.valid_to) if saved.valid_to else "sekarang"
    print(
        f"Manfaat {saved.code} berlaku {short_date(saved.valid_from)} s.d. {until} disimpan: "
        f"{rate_text(saved)}. Perkiraan manfaat klaim yang berjalan sudah dihitung ulang."
    )
    return 0
