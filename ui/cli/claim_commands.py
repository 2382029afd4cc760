"""`claims list|show|open|doc|heir|status|slip|refresh`: a claim file from first report to
payment; `claims checklist|rates` (claim_reference_commands.py): the tables they work from."""

from __future__ import annotations

import argparse
import json
from dataclasses import asdict
from datetime import date, datetime, time, tzinfo
from pathlib import Path
from typing import TYPE_CHECKING, Any

from models.enums import (
    AccidentContext,
    ClaimHeirRelation,
    ClaimStatus,
    ClaimType,
    DeadlineState,
    EducationLevel,
    JkkOutcome,
)
from services.core.errors import NotFoundError, SiRentanError
from services.core.file_output import write_bytes_atomically
from services.core.paths import command_prefix
from services.text.figures import rupiah_whole
from services.text.formatting import short_date
from ui.cli import claim_reference_commands
from ui.cli.options import (
    MAX_RUPIAH,
    bounded_int,
    parse_cli_date,
    parse_cli_moment,
    parse_cli_time,
    record_id,
)
from ui.cli.signin import add_user_option, signed_in

if TYPE_CHECKING:
    from services import claims


def add_commands(commands: argparse._SubParsersAction) -> None:
    group = commands.add_parser("claims", help="klaim JKK dan JKM")
    sub = group.add_subparsers(dest="claims_command", metavar="PERINTAH", required=True)

    listing = sub.add_parser("list", help="daftar klaim, terbaru di atas, dengan jumlah per status")
    listing.add_argument("--status", choices=[s.value for s in ClaimStatus])
    listing.add_argument("--type", choices=[t.value for t in ClaimType])
    listing.add_argument("--kecamatan", metavar="KODE", help="kode kecamatan, mis. 53.03.05")
    listing.add_argument("--deadline", choices=[s.value for s in DeadlineState])
    listing.add_argument("--waiting", action="store_true", help="hanya draf yang lama menunggu")
    listing.add_argument("--text", default="", metavar="TEKS", help="NIK/KPJ (awalan) atau nama")
    listing.add_argument("--limit", type=bounded_int(1, 10_000, "batas"), default=200)
    listing.add_argument("--json", action="store_true", help="keluaran JSON")
    _done(listing, _list)

    show = sub.add_parser("show", help="seluruh isi satu klaim")
    show.add_argument("id", type=record_id, metavar="NOMOR")
    show.add_argument("--json", action="store_true", help="keluaran JSON")
    _done(show, _show)

    opening = sub.add_parser("open", help="buka klaim baru untuk seorang peserta")
    opening.add_argument("--worker", required=True, metavar="NIK|KPJ", help="NIK atau No. KPJ")
    opening.add_argument("--type", required=True, choices=[t.value for t in ClaimType])
    opening.add_argument(
        "--date", required=True, type=parse_cli_date, help="tanggal kejadian/meninggal"
    )
    opening.add_argument("--time", type=parse_cli_time, help="jam kecelakaan, JJ:MM (jam kantor)")
    opening.add_argument("--place", help="tempat kejadian/meninggal")
    opening.add_argument("--cause", help="JKM: sebab kematian sesuai akta")
    opening.add_argument("--context", choices=[c.value for c in AccidentContext])
    opening.add_argument("--what", help="JKK: apa yang terjadi")
    opening.add_argument("--injuries", help="JKK: luka/cedera")
    opening.add_argument("--treatment", help="JKK: tempat perawatan")
    opening.add_argument("--witnesses", help="JKK: saksi")
    opening.add_argument("--traffic", action="store_true", help="JKK: kecelakaan lalu lintas")
    opening.add_argument("--police-report", help="JKK: nomor laporan polisi")
    opening.add_argument("--outcome", choices=[o.value for o in JkkOutcome])
    opening.add_argument("--death-date", type=parse_cli_date, help="JKK fatal: tanggal meninggal")
    opening.add_argument(
        "--income",
        type=bounded_int(0, MAX_RUPIAH, "penghasilan"),
        help="penghasilan dilaporkan per bulan (Rp)",
    )
    opening.add_argument(
        "--reported-at", type=parse_cli_moment, help="laporan tahap I: 'YYYY-MM-DD JJ:MM'"
    )
    opening.add_argument("--no-heirs", action="store_true", help="jangan salin ahli waris")
    _done(opening, _open)

    doc = sub.add_parser("doc", help="dokumen klaim: diterima, catatan, pindaian")
    doc.add_argument("id", type=record_id, metavar="NOMOR")
    doc.add_argument("item", metavar="KODE", help="kode dokumen, lihat 'claims show'")
    received = doc.add_mutually_exclusive_group()
    received.add_argument("--received", action="store_true", default=None)
    received.add_argument("--not-received", dest="received", action="store_false")
    doc.add_argument("--date", type=parse_cli_date, help="tanggal diterima (bawaan: hari ini)")
    doc.add_argument("--note")
    scan = doc.add_mutually_exclusive_group()
    scan.add_argument("--scan", type=Path, metavar="BERKAS", help="lampirkan PDF/JPG/PNG")
    scan.add_argument("--remove-scan", action="store_true")
    scan.add_argument("--save-scan", type=Path, metavar="BERKAS", help="simpan pindaian ke berkas")
    _done(doc, _doc)

    heir = sub.add_parser("heir", help="tambahkan ahli waris pada klaim")
    heir.add_argument("id", type=record_id, metavar="NOMOR")
    heir.add_argument("--name", required=True)
    heir.add_argument("--relation", required=True, choices=[r.value for r in ClaimHeirRelation])
    heir.add_argument("--nik")
    heir.add_argument("--birth-date", type=parse_cli_date)
    heir.add_argument("--phone")
    heir.add_argument("--bank")
    heir.add_argument("--account")
    heir.add_argument("--holder")
    heir.add_argument("--level", choices=[e.value for e in EducationLevel], help="beasiswa")
    heir.add_argument(
        "--divorced",
        action="store_true",
        help="suami/istri yang sudah bercerai sebelum peserta meninggal (bukan ahli waris)",
    )
    heir.add_argument(
        "--arranged-funeral",
        action="store_true",
        help="mengurus pemakaman (tanpa ahli waris, menerima biaya pemakaman)",
    )
    _done(heir, _heir)

    status = sub.add_parser("status", help="langkah status klaim")
    status.add_argument("id", type=record_id, metavar="NOMOR")
    status.add_argument("target", choices=[s.value for s in ClaimStatus], metavar="STATUS")
    status.add_argument("--date", type=parse_cli_date, help="tanggal langkah (bawaan: hari ini)")
    status.add_argument("--note", help="catatan; wajib untuk mundur, ditolak, dibatalkan")
    status.add_argument("--letter-number", help="diajukan: nomor surat ke BPJS")
    status.add_argument("--letter-date", type=parse_cli_date)
    status.add_argument(
        "--amount", type=bounded_int(0, MAX_RUPIAH, "jumlah"), help="dibayar: jumlah (Rp)"
    )
    status.add_argument("--heir", type=record_id, metavar="ID", help="dibayar: nomor ahli waris")
    status.add_argument("--bank")
    status.add_argument("--account")
    status.add_argument("--holder")
    status.add_argument("--reference", help="dibayar: nomor referensi pembayaran dari BPJS")
    _done(status, _status)

    holder = sub.add_parser(
        "approve-holder",
        help="verifikator: setujui pembayaran ke rekening atas nama orang lain (dengan alasan)",
    )
    holder.add_argument("id", type=int, metavar="NOMOR")
    holder.add_argument("--account", required=True, help="nomor rekening; '' menarik persetujuan")
    holder.add_argument("--holder", default="", help="nama pemilik rekening di buku tabungan")
    holder.add_argument("--reason", default="", help="alasan dan dokumen pendukungnya")
    _done(holder, _approve_holder)

    slip = sub.add_parser("slip", help="cetak daftar kekurangan berkas (PDF) untuk keluarga")
    slip.add_argument("id", type=record_id, metavar="NOMOR")
    slip.add_argument("-o", "--output", type=Path, required=True, metavar="BERKAS.pdf")
    _done(slip, _slip)

    refresh = sub.add_parser(
        "refresh",
        help="hitung ulang kelayakan dan perkiraan manfaat semua klaim yang masih berjalan "
        "(mis. sesudah data diubah di luar aplikasi)",
    )
    _done(refresh, _refresh)
    claim_reference_commands.add_commands(sub, _done)


def _done(parser: argparse.ArgumentParser, handler: Any) -> None:
    add_user_option(parser)
    parser.set_defaults(handler=handler)


# --- handlers ---------------------------------------------------------------------------


def _list(args: argparse.Namespace) -> int:
    from services import claims
    from services.claims.labels import CLAIM_STATUS

    query = claims.ClaimQuery(
        status=ClaimStatus(args.status) if args.status else None,
        claim_type=ClaimType(args.type) if args.type else None,
        kecamatan_code=args.kecamatan,
        deadline_state=DeadlineState(args.deadline) if args.deadline else None,
        waiting_documents_only=args.waiting,
        text=args.text,
        limit=args.limit,
    )
    page = claims.list_claims(signed_in(args), query)
    if args.json:
        counts = {s.value: n for s, n in page.counts_by_status.items()}
        rows = [asdict(r) for r in page.rows]
        print(json.dumps({"total": page.total, "counts": counts, "rows": rows}, **_JSON))
        return 0
    for r in page.rows:
        flags = "".join(
            [" TERLAMBAT" if r.report_overdue else "", " MENUNGGU" if r.waiting_documents else ""]
        )
        reason = "" if r.eligible else f"  [tidak memenuhi syarat: {r.ineligible_reason}]"
        print(
            f"#{r.id:<5} {r.claim_type.upper():<4} {CLAIM_STATUS[r.status]:<17} "
            f"{short_date(r.event_date)}  {r.worker_name:<28.28}  {r.kecamatan_name:<18.18}"
            f"{flags}{reason}"
        )
    per_status = ", ".join(f"{CLAIM_STATUS[s]} {n}" for s, n in page.counts_by_status.items() if n)
    print(f"{page.total} klaim. Per status: {per_status or '-'}.")
    return 0


def _show(args: argparse.Namespace) -> int:
    from services import claims

    detail = claims.get_claim(signed_in(args), args.id)
    if args.json:
        print(json.dumps(asdict(detail), **_JSON))
        return 0
    print("\n".join(_detail_lines(detail)))
    return 0


def _open(args: argparse.Namespace) -> int:
    from services import claims
    from services.claims.labels import CLAIM_TYPE

    ctx = signed_in(args)
    data = claims.ClaimInput(
        claim_type=ClaimType(args.type),
        event_date=args.date,
        event_place=args.place,
        event_time=args.time,
        accident_context=AccidentContext(args.context) if args.context else None,
        description=args.what,
        injuries=args.injuries,
        treatment_place=args.treatment,
        witnesses=args.witnesses,
        traffic_accident=args.traffic,
        police_report_number=args.police_report,
        jkk_outcome=JkkOutcome(args.outcome) if args.outcome else None,
        death_date=args.death_date,
        reported_income=args.income,
        first_report_at=args.reported_at,
        cause_of_death=args.cause,
    )
    worker_id = _find_worker(ctx, args.worker)
    checked = claims.check_claim(ctx, worker_id, data)
    detail = claims.open_claim(ctx, worker_id, data, heirs=[] if args.no_heirs else None)
    for problem in checked.problems:
        print(f"Perhatian: {problem.text}")
    print(f"Klaim #{detail.id} dibuka ({CLAIM_TYPE[detail.claim_type]}, draf).")
    print("\n".join(_eligibility_lines(detail)))
    return 0


def _doc(args: argparse.Namespace) -> int:
    from services import claims

    ctx = signed_in(args)
    if args.save_scan:
        scan = claims.open_scan(ctx, args.id, args.item)
        write_bytes_atomically(args.save_scan, scan.content)
        print(f"Pindaian {scan.file_name} disimpan ke {args.save_scan} (SHA-256 {scan.sha256}).")
        return 0
    detail = None
    if args.received is not None or args.note is not None:
        detail = claims.update_document(ctx, args.id, _document_update(ctx, args))
    if args.scan:
        detail = claims.attach_scan(ctx, args.id, args.item, args.scan.name, args.scan.read_bytes())
    elif args.remove_scan:
        detail = claims.remove_scan(ctx, args.id, args.item)
    if detail is None:
        raise SiRentanError("Sebutkan yang diubah: --received, --not-received, --note atau --scan.")
    missing = detail.missing_documents
    print(f"Dokumen {args.item} pada klaim #{detail.id} disimpan. Belum diterima: {len(missing)}.")
    return 0


def _document_update(ctx: Any, args: argparse.Namespace) -> claims.DocumentUpdate:
    """What the options say; what they leave out stays as it is."""
    from services import claims

    items = claims.get_claim(ctx, args.id).documents
    current = next((d for d in items if d.item_code == args.item), None)
    received = args.received if args.received is not None else bool(current and current.received)
    kept_date = current.received_on if current and current.received else None
    return claims.DocumentUpdate(
        args.item,
        received,
        args.date or kept_date,
        args.note if args.note is not None else (current.note if current else None),
    )


def _heir(args: argparse.Namespace) -> int:
    from services import claims

    ctx = signed_in(args)
    detail = claims.get_claim(ctx, args.id)
    new = claims.ClaimHeirInput(
        full_name=args.name,
        relation=ClaimHeirRelation(args.relation),
        nik=args.nik,
        birth_date=args.birth_date,
        phone=args.phone,
        bank_name=args.bank,
        bank_account_number=args.account,
        bank_account_holder=args.holder,
        education_level=EducationLevel(args.level) if args.level else None,
        married_at_death=False if args.divorced else None,
        arranged_funeral=args.arranged_funeral,
    )
    heirs = [h.to_input() for h in detail.heirs] + [new]
    detail = claims.set_heirs(ctx, args.id, heirs, detail.version)
    print(f"Ahli waris klaim #{detail.id}:")
    print("\n".join(_heir_lines(detail)))
    return 0


def _status(args: argparse.Namespace) -> int:
    from services import claims
    from services.claims.labels import CLAIM_STATUS

    ctx = signed_in(args)
    detail = claims.get_claim(ctx, args.id)
    change = claims.StatusChange(
        target=ClaimStatus(args.target),
        on=args.date,
        note=args.note,
        letter_number=args.letter_number,
        letter_date=args.letter_date,
        amount=args.amount,
        recipient_heir_id=args.heir,
        bank_name=args.bank,
        account_number=args.account,
        account_holder=args.holder,
        payment_reference=args.reference,
    )
    detail = claims.change_status(ctx, args.id, change, detail.version)
    print(f"Klaim #{detail.id} sekarang: {CLAIM_STATUS[detail.status]}.")
    return 0


def _approve_holder(args: argparse.Namespace) -> int:
    from services import claims

    ctx = signed_in(args)
    detail = claims.get_claim(ctx, args.id)
    approval = claims.HolderOverride(args.account, args.holder, args.reason)
    detail = claims.approve_holder(ctx, args.id, approval, detail.version)
    approved = detail.holder_override
    if approved is None:
        print(f"Persetujuan rekening pada klaim #{detail.id} ditarik.")
    else:
        print(
            f"Klaim #{detail.id}: rekening {approved.account_number} a.n. "
            f"{approved.account_holder} disetujui oleh {approved.by} ({approved.reason})."
        )
    return 0


def _slip(args: argparse.Namespace) -> int:
    # Imported here: it loads ReportLab, which no other claims command needs.
    from services.claims.missing_slip import write_missing_slip

    path = write_missing_slip(signed_in(args), args.id, args.output)
    print(f"Daftar kekurangan berkas ditulis ke {path}.")
    return 0


def _refresh(args: argparse.Namespace) -> int:
    from services import claims

    changed = claims.refresh_open_claims(signed_in(args))
    print(f"{changed} klaim diperbarui (kelayakan dan perkiraan manfaat dihitung ulang).")
    return 0


def _find_worker(ctx: Any, number: str) -> int:
    from services.workers.service import WorkerService
    from services.workers.types import WorkerQuery

    page = WorkerService(ctx).search(WorkerQuery(text=number, limit=5))
    exact = [r for r in page.rows if number in (r.nik, r.kpj)]
    if len(exact) != 1:
        raise NotFoundError(
            f"Tidak ada peserta dengan NIK atau No. KPJ {number}. Cari dulu dengan "
            f"'{command_prefix()} workers search TEKS'."
        )
    return exact[0].id


# --- text output -------------------------------------------------------------------------


def _json_value(value: Any) -> Any:
    if isinstance(value, date | datetime | time):
        return value.isoformat()
    if isinstance(value, tzinfo):
        return value.tzname(None)  # the office's clock: "WIB", "WITA" or "WIT"
    raise TypeError(type(value).__name__)


_JSON: dict[str, Any] = {"indent": 2, "ensure_ascii": False, "default": _json_value}


def _eligibility_lines(detail: claims.ClaimDetail) -> list[str]:
    from services.claims.labels import DEADLINE_STATE

    e = detail.eligibility
    head = "Memenuhi syarat" if e.eligible else "TIDAK memenuhi syarat (tetap dicatat)"
    lines = [f"Kelayakan: {head}."] + [f"  - {c.text}" for c in e.checks]
    if e.deadline_state is not DeadlineState.NOT_APPLICABLE:
        lines.append(f"  Laporan tahap I: {DEADLINE_STATE[e.deadline_state]}.")
    return lines


def _heir_lines(detail: claims.ClaimDetail) -> list[str]:
    from services.claims.labels import HEIR_RELATION

    return [
        f"  [{h.id}] {h.full_name} — {HEIR_RELATION[h.relation]}, urutan {h.priority}"
        f"{', berhak' if h.entitled else ''}"
        f"{', bercerai' if h.married_at_death is False else ''}"
        f"{', mengurus pemakaman' if h.arranged_funeral else ''}; NIK {h.nik or '-'}; rekening "
        f"{h.bank_name or '-'} {h.bank_account_number or ''}".rstrip()
        for h in detail.heirs
    ]


def _detail_lines(detail: claims.ClaimDetail) -> list[str]:
    from services.claims.labels import CLAIM_STATUS, CLAIM_TYPE
    from services.core.office_time import moment_text

    w, ev = detail.worker, detail.event
    lines = [
        f"Klaim #{detail.id} — {CLAIM_TYPE[detail.claim_type]} — {CLAIM_STATUS[detail.status]}",
        f"Peserta: {w.full_name} (NIK {w.nik}, KPJ {w.kpj or '-'}), {w.village_name}, "
        f"Kec. {w.kecamatan_name}",
        f"Kejadian: {short_date(ev.event_date)} {ev.event_time or ''} di {ev.event_place or '-'}",
        *_eligibility_lines(detail),
        "Ahli waris:",
        *(_heir_lines(detail) or ["  -"]),
        "Dokumen:",
    ]
    for d in detail.documents:
        mark = "x" if d.received else ("-" if not d.applicable else " ")
        scan = " [pindaian]" if d.attachment else ""
        optional = "" if d.required or not d.applicable else " (bila ada)"
        lines.append(f"  [{mark}] {d.item_code}: {d.label}{optional}{scan}")
    b = detail.benefit
    lines.append(f"{b.label}:")
    for line in b.lines:
        amount = rupiah_whole(line.amount) if line.amount is not None else "-"
        lines.append(f"  {line.label}: {amount} ({line.detail})")
    lines += [f"  Jumlah sekaligus: {rupiah_whole(b.total)}", *(f"  {n}" for n in b.notes)]
    if detail.letter_number:
        lines.append(f"Diajukan {short_date(detail.submitted_on)}, surat {detail.letter_number}")
    if detail.paid_amount is not None:
        lines.append(
            f"Dibayar {short_date(detail.paid_on)}: {rupiah_whole(detail.paid_amount)} kepada "
            f"{detail.paid_to_name} ke {detail.paid_bank_name or '-'} "
            f"{detail.paid_account_number or '-'} a.n. {detail.paid_account_holder or '-'}, "
            f"ref. BPJS {detail.paid_reference or '-'}"
        )
    if detail.holder_override is not None:
        o = detail.holder_override
        lines.append(
            f"Rekening disetujui verifikator {o.by or '-'}: {o.account_number} a.n. "
            f"{o.account_holder} ({o.reason})"
        )
    lines.append("Riwayat:")
    for h in detail.history:
        source = CLAIM_STATUS[h.from_status] if h.from_status else "-"
        lines.append(
            f"  {moment_text(h.at, h.zone)} {h.by or '-'}: {source} → "
            f"{CLAIM_STATUS[h.to_status]}{'  ' + h.note if h.note else ''}"
        )
    steps = ", ".join(s.value for s in detail.next_steps) or "-"
    lines.append(f"Langkah berikutnya: {steps}")
    return lines
