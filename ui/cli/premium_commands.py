"""`premium ...`: rates, the computed premium, BPJS bills, payments, budget, reconciliation.

premium rates | rate-set --funding F --from YYYY-MM --jkk N --jkm N
premium show [--period YYYY-MM] [--kecamatan CODE] [--funding F]
premium bills [--year YYYY] | bill-add ... | bill-delete ID
premium pay --bill ID --date DD-MM-YYYY --amount N --reference SP2D | payment-delete ID
premium budget [--year YYYY] | budget-set --year YYYY --funding F --amount N [--code K]
premium import-bpjs --bill ID FILE [--sheet NAME]
premium reconcile [--period YYYY-MM|YYYY] [--funding F] | differences BILL_ID
"""

from __future__ import annotations

import argparse
import re
from pathlib import Path
from typing import TYPE_CHECKING

from models.enums import FundingSource
from services.text.formatting import short_date
from services.text.labels import FUNDING
from services.text.money import number, rupiah
from ui.cli.options import bounded_int, parse_cli_date, record_id, year
from ui.cli.signin import add_user_option, signed_in

if TYPE_CHECKING:
    from services.premiums import ReconciliationLine

FUNDINGS = [f.value for f in FundingSource]


def add_commands(commands: argparse._SubParsersAction) -> None:
    premium = commands.add_parser("premium", help="iuran, tagihan BPJS, pembayaran, anggaran")
    sub = premium.add_subparsers(dest="premium_command", metavar="PERINTAH", required=True)

    def command(name: str, text: str, handler: object) -> argparse.ArgumentParser:
        parser = sub.add_parser(name, help=text)
        add_user_option(parser)
        parser.set_defaults(handler=handler)
        return parser

    command("rates", "tabel tarif iuran", _rates)
    rate = command("rate-set", "tambah atau ubah tarif mulai satu bulan (administrator)", _rate_set)
    rate.add_argument("--funding", choices=FUNDINGS, required=True)
    rate.add_argument("--from", dest="valid_from", required=True, metavar="YYYY-MM")
    rate.add_argument("--jkk", type=_amount, required=True, metavar="RP")
    rate.add_argument("--jkm", type=_amount, required=True, metavar="RP")
    rate.add_argument("--note", metavar="TEKS")

    show = command("show", "iuran satu bulan dihitung dari register", _show)
    show.add_argument("--period", metavar="YYYY-MM", help="bawaan: bulan ini")
    show.add_argument("--kecamatan", metavar="KODE")
    show.add_argument("--funding", choices=FUNDINGS)

    bills = command("bills", "daftar tagihan BPJS dan pembayarannya", _bills)
    bills.add_argument("--year", type=year, metavar="YYYY", help="bawaan: tahun ini")
    bills.add_argument("--funding", choices=FUNDINGS)

    bill = command("bill-add", "catat tagihan BPJS", _bill_add)
    bill.add_argument("--period", required=True, metavar="YYYY-MM", help="bulan yang ditagih")
    bill.add_argument("--funding", choices=FUNDINGS, default=FundingSource.APBD_KABUPATEN.value)
    bill.add_argument("--number", required=True, metavar="NOMOR", help="nomor surat tagihan")
    bill.add_argument("--date", type=parse_cli_date, required=True, metavar="DD-MM-YYYY")
    bill.add_argument(
        "--workers",
        type=bounded_int(0, 10_000_000, "jumlah peserta"),
        required=True,
        metavar="N",
        help="peserta ditagih",
    )
    bill.add_argument("--amount", type=_amount, required=True, metavar="RP")
    bill.add_argument("--note", metavar="TEKS")

    drop = command("bill-delete", "hapus tagihan yang salah dicatat", _bill_delete)
    drop.add_argument("bill_id", type=record_id, metavar="ID")

    pay = command("pay", "catat pembayaran (SP2D atau transfer) atas tagihan", _pay)
    pay.add_argument("--bill", type=record_id, required=True, metavar="ID")
    pay.add_argument("--date", type=parse_cli_date, required=True, metavar="DD-MM-YYYY")
    pay.add_argument("--amount", type=_amount, required=True, metavar="RP")
    pay.add_argument("--reference", required=True, metavar="NOMOR", help="No. SP2D / bukti")
    pay.add_argument("--note", metavar="TEKS")

    unpay = command("payment-delete", "hapus pembayaran yang salah dicatat", _payment_delete)
    unpay.add_argument("payment_id", type=record_id, metavar="ID")

    budget = command("budget", "pagu, terpakai, komitmen dan sisa anggaran", _budget)
    budget.add_argument("--year", type=year, metavar="YYYY", help="bawaan: tahun ini")

    allocation = command("budget-set", "catat atau ubah pagu APBD satu tahun", _budget_set)
    allocation.add_argument("--year", type=year, required=True, metavar="YYYY")
    allocation.add_argument("--funding", choices=FUNDINGS, required=True)
    allocation.add_argument("--amount", type=_amount, required=True, metavar="RP")
    allocation.add_argument("--code", metavar="KODE", help="kode rekening")
    allocation.add_argument("--note", metavar="TEKS")

    listing = command("import-bpjs", "impor daftar peserta tertagih dari BPJS", _import)
    listing.add_argument("--bill", type=record_id, required=True, metavar="ID")
    listing.add_argument("file", type=Path, metavar="BERKAS")
    listing.add_argument("--sheet", metavar="NAMA")

    recon = command("reconcile", "dihitung vs ditagih vs dibayar per bulan", _reconcile)
    recon.add_argument("--period", metavar="YYYY-MM", help="bulan atau tahun; bawaan: tahun ini")
    recon.add_argument("--funding", choices=FUNDINGS)

    differences = command("differences", "peserta di balik selisih satu tagihan", _differences)
    differences.add_argument("bill_id", type=record_id, metavar="ID")


# -- argument types -------------------------------------------------------------------


def _amount(text: str) -> int:
    """ "249984000", "249.984.000" or "Rp249.984.000,00"."""
    cleaned = re.sub(r",0+$", "", text.strip().removeprefix("Rp").strip())
    digits = cleaned.replace(".", "")
    if not digits.isdigit():
        raise argparse.ArgumentTypeError(f"jumlah '{text}' bukan angka rupiah utuh")
    return int(digits)


def _funding(value: str | None) -> FundingSource | None:
    return FundingSource(value) if value else None


# -- handlers ---------------------------------------------------------------------------


def _rates(args: argparse.Namespace) -> int:
    from services.premiums import list_rates

    for r in list_rates(signed_in(args)):
        until = r.valid_until.label if r.valid_until else "sekarang"
        print(
            f"#{r.id} {FUNDING[r.funding]}: JKK {rupiah(r.rate.jkk)} + JKM {rupiah(r.rate.jkm)} "
            f"= {rupiah(r.rate.total)} per peserta per bulan, {r.valid_from.label} s.d. {until}"
        )
    return 0


def _rate_set(args: argparse.Namespace) -> int:
    from services.premiums import Month, RateInput, set_rate

    row = set_rate(
        signed_in(args),
        RateInput(
            FundingSource(args.funding), Month.parse(args.valid_from), args.jkk, args.jkm, args.note
        ),
    )
    print(f"Tarif {FUNDING[row.funding]} mulai {row.valid_from.label}: {rupiah(row.rate.total)}.")
    return 0


def _show(args: argparse.Namespace) -> int:
    from services.core.office_time import office_today_of
    from services.premiums import Area, Month, monthly_premium

    ctx = signed_in(args)
    month = Month.parse(args.period) if args.period else Month.of(office_today_of(ctx))
    premium = monthly_premium(
        ctx, month, Area(kecamatan_code=args.kecamatan, funding=_funding(args.funding))
    )
    print(f"Iuran {month.label}. {premium.rule_text}")
    for total in premium.by_funding():
        print(
            f"  {FUNDING[total.funding]}: {number(total.workers)} peserta, {rupiah(total.amount)}"
        )
    print(f"  Jumlah: {number(premium.workers)} peserta, {rupiah(premium.amount)}")
    return 0


def _bills(args: argparse.Namespace) -> int:
    from services.core.office_time import office_today_of
    from services.premiums import Month, list_bills, list_payments

    ctx = signed_in(args)
    year = args.year or office_today_of(ctx).year
    first, last = Month(year, 1), Month(year, 12)
    payments = list_payments(ctx, first, last)
    for b in list_bills(ctx, first, last, _funding(args.funding)):
        listed = "daftar BPJS belum diimpor" if b.list_rows is None else f"daftar {b.list_rows}"
        print(
            f"#{b.id} {b.month.label} {FUNDING[b.funding]} {b.bill_number} "
            f"({short_date(b.bill_date)}): {number(b.workers_billed)} peserta, "
            f"{rupiah(b.amount)}, dibayar {rupiah(b.paid)}, {listed}"
        )
        for p in payments:
            if p.bill_id == b.id:
                print(f"    bayar #{p.id} {short_date(p.paid_on)} {p.reference} {rupiah(p.amount)}")
    return 0


def _bill_add(args: argparse.Namespace) -> int:
    from services.premiums import BillInput, Month, record_bill

    row = record_bill(
        signed_in(args),
        BillInput(
            Month.parse(args.period),
            FundingSource(args.funding),
            args.number,
            args.date,
            args.workers,
            args.amount,
            args.note,
        ),
    )
    print(f"Tagihan #{row.id} {row.bill_number} ({row.month.label}) dicatat: {rupiah(row.amount)}.")
    return 0


def _bill_delete(args: argparse.Namespace) -> int:
    from services.premiums import delete_bill

    delete_bill(signed_in(args), args.bill_id)
    print(f"Tagihan #{args.bill_id} dihapus.")
    return 0


def _pay(args: argparse.Namespace) -> int:
    from services.premiums import PaymentInput, record_payment

    row = record_payment(
        signed_in(args),
        PaymentInput(args.bill, args.date, args.amount, args.reference, args.note),
    )
    print(f"Pembayaran #{row.id} atas tagihan {row.bill_number} dicatat: {rupiah(row.amount)}.")
    return 0


def _payment_delete(args: argparse.Namespace) -> int:
    from services.premiums import delete_payment

    delete_payment(signed_in(args), args.payment_id)
    print(f"Pembayaran #{args.payment_id} dihapus.")
    return 0


def _budget(args: argparse.Namespace) -> int:
    from services.premiums import budget_status

    status = budget_status(signed_in(args), args.year)
    print(f"Anggaran iuran tahun {status.year} (keadaan {short_date(status.today)}).")
    for line in status.lines:
        pagu = rupiah(line.allocation) if line.allocation is not None else "belum dicatat"
        balance = "-" if line.balance is None else rupiah(line.balance)
        print(
            f"  {FUNDING[line.funding]}: pagu {pagu}; dibayar {rupiah(line.paid)}; terutang "
            f"{rupiah(line.outstanding)}; komitmen {line.months_remaining} bulan "
            f"({number(line.workers_today)} peserta) {rupiah(line.committed)}; proyeksi "
            f"{rupiah(line.projected)}; sisa {balance}"
        )
    return 0


def _budget_set(args: argparse.Namespace) -> int:
    from services.premiums import AllocationInput, set_allocation

    row = set_allocation(
        signed_in(args),
        AllocationInput(args.year, FundingSource(args.funding), args.amount, args.code, args.note),
    )
    print(f"Pagu {FUNDING[row.funding]} {row.year}: {rupiah(row.amount)}.")
    return 0


def _import(args: argparse.Namespace) -> int:
    from services.premiums.bpjs_list import import_bpjs_list

    result = import_bpjs_list(signed_in(args), args.bill, args.file, args.sheet)
    replaced = " (menggantikan daftar sebelumnya)" if result.replaced else ""
    print(
        f"Daftar BPJS untuk tagihan #{result.bill_id}{replaced}: {number(result.rows)} baris, "
        f"{number(result.matched)} cocok dengan register."
    )
    if result.unreadable_rows:
        rows = ", ".join(str(r) for r in result.unreadable_rows[:20])
        more = " ..." if len(result.unreadable_rows) > 20 else ""
        print(f"Baris tanpa NIK atau KPJ yang terbaca: {rows}{more}")
    if result.periods_opened or result.periods_moved or result.kpj_recorded:
        print(
            f"Kepesertaan dari TMT/KPJ: {number(result.periods_opened)} periode dibuka, "
            f"{number(result.periods_moved)} tanggal mulai disesuaikan, "
            f"{number(result.kpj_recorded)} No. KPJ dicatat."
        )
    for refused in result.coverage_refused:
        print(f"Tidak diterapkan: {refused}")
    return 0


def _reconcile(args: argparse.Namespace) -> int:
    from services.core.office_time import office_today_of
    from services.premiums import reconcile
    from services.premiums.months import Period

    ctx = signed_in(args)
    period = Period.parse(args.period) if args.period else Period.year(office_today_of(ctx).year)
    result = reconcile(ctx, period.first, period.last, _funding(args.funding))
    print(f"Rekonsiliasi {period.label}. {result.rule_text}")
    for line in result.lines:
        billed = (
            "belum ditagih"
            if line.billed_amount is None
            else f"ditagih {number(line.billed_workers or 0)} / {rupiah(line.billed_amount)}, "
            f"selisih {line.worker_difference:+d} peserta / {rupiah(line.amount_difference or 0)}, "
            f"dibayar {rupiah(line.paid)}, belum dibayar {rupiah(line.unpaid or 0)} "
            f"({_owed(line)})"
        )
        print(
            f"  {line.month.label} {FUNDING[line.funding]}: dihitung "
            f"{number(line.computed_workers)} / {rupiah(line.computed_amount)}; {billed}"
        )
    return 0


def _owed(line: ReconciliationLine) -> str:
    """What is still owed on each bill of the line (a bill paid twice settles no other)."""
    parts = []
    for bill in line.bills:
        if bill.owed:
            state = f"sisa {rupiah(bill.owed)}"
        elif bill.overpaid:
            state = f"lebih bayar {rupiah(bill.overpaid)}"
        else:
            state = "lunas"
        parts.append(f"tagihan {bill.bill_number}: {state}")
    return "; ".join(parts)


def _differences(args: argparse.Namespace) -> int:
    from services.premiums import DIFFERENCE_LABELS, drilldown

    found = drilldown(signed_in(args), args.bill_id)
    print(
        f"Tagihan {found.bill.bill_number}: dihitung {number(found.counted_workers)}, daftar BPJS "
        f"{number(found.list_rows)} baris ({number(found.matched_rows)} cocok)."
    )
    if not found.rows:
        print("Tidak ada selisih.")
    for r in found.rows:
        row = f" baris {r.list_row}" if r.list_row else ""
        print(
            f"  {DIFFERENCE_LABELS[r.kind]}{row}: {r.full_name or '-'} NIK {r.nik or '-'} "
            f"KPJ {r.kpj or '-'} — {r.reason}"
        )
    return 0
