"""`agreement`, `letter TYPE`; with `letters …` and `signatories …` from
document_register_commands.

Issued documents are numbered and recorded in the letter register exactly as the GUI
records them; `--preview` writes a marked, unnumbered PDF and records nothing.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from models.enums import ClaimProgramme, PageSize, Sifat
from services.core.errors import NotFoundError, SiRentanError
from services.core.file_output import write_bytes_atomically
from services.core.paths import command_prefix
from services.text.formatting import long_date
from services.text.money import number, rupiah
from ui.cli import document_register_commands
from ui.cli.options import bounded_int, parse_cli_date, record_id
from ui.cli.signin import add_user_option, signed_in

if TYPE_CHECKING:
    from services import documents as docs
    from services.core.context import ServiceContext
    from services.documents.page import RenderedPdf

LETTER_TYPES = {
    "pengantar": "surat pengantar pendaftaran peserta baru (dengan lampiran daftar)",
    "klaim": "surat permohonan/rekomendasi klaim JKM atau JKK",
    "keterangan": "surat keterangan kepesertaan seorang peserta",
    "ahli-waris": "surat pemberitahuan kepada ahli waris",
    "iuran": "surat pembayaran iuran bulanan",
}


def add_commands(commands: argparse._SubParsersAction) -> None:
    _agreement_parser(commands)
    _letter_parsers(commands)
    document_register_commands.add_commands(commands)


def _output(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("-o", "--output", type=Path, required=True, metavar="BERKAS.pdf")
    parser.add_argument(
        "--signatory",
        type=record_id,
        metavar="ID",
        help="penandatangan (lihat 'signatories list'; bawaan: satu-satunya yang cocok)",
    )
    parser.add_argument("--page-size", choices=[p.value for p in PageSize])
    parser.add_argument("--replaces", metavar="NOMOR", help="ralat: nomor surat yang diganti")
    parser.add_argument(
        "--preview", action="store_true", help="pratinjau bertanda, tanpa nomor, tidak dicatat"
    )
    parser.add_argument(
        "--confirm-placeholder",
        action="store_true",
        help="terbitkan walau kop masih memakai lambang contoh (lambang daerah belum disimpan)",
    )
    add_user_option(parser)


# -- the agreement ------------------------------------------------------------


def _agreement_parser(commands: argparse._SubParsersAction) -> None:
    pks = commands.add_parser("agreement", help="perjanjian kerja sama (PKS) dengan BPJS")
    pks.add_argument(
        "--date",
        type=parse_cli_date,
        metavar="YYYY-MM-DD",
        help="tanggal perjanjian (bawaan: hari ini)",
    )
    pks.add_argument(
        "--workers",
        type=bounded_int(1, 10_000_000, "jumlah peserta"),
        metavar="N",
        help="jumlah peserta (bawaan: dihitung dari register)",
    )
    pks.add_argument(
        "--count-date",
        type=parse_cli_date,
        metavar="YYYY-MM-DD",
        help="tanggal hitungan register (bawaan: tanggal perjanjian)",
    )
    pks.add_argument(
        "--months",
        type=bounded_int(1, 120, "jangka waktu"),
        metavar="M",
        help="jangka waktu (bawaan: pengaturan)",
    )
    pks.add_argument(
        "--start",
        type=parse_cli_date,
        metavar="YYYY-MM-DD",
        help="awal masa perjanjian (bawaan: tanggal perjanjian, saat mulai berlaku)",
    )
    pks.add_argument("--bpjs-number", default="", metavar="NOMOR", help="nomor PKS pihak BPJS")
    pks.add_argument(
        "--bpjs-head", metavar="NAMA", help="kepala kantor cabang (bawaan: pengaturan)"
    )
    pks.add_argument("--bpjs-npk", metavar="NPK")
    pks.add_argument("--bpjs-decree", metavar="TEKS", help="dasar kewenangan (SK pengangkatan)")
    pks.add_argument("--budget-code", metavar="KODE", help="kode rekening/DPA")
    pks.add_argument(
        "--apbd-regulation",
        metavar="TEKS",
        help="nomor Perda APBD tahun pertama, mis. 'Nomor 12 Tahun 2024' (bawaan: pengaturan)",
    )
    pks.add_argument("--bpjs-account", metavar="TEKS", help="rekening BPJS (bawaan: pengaturan)")
    _output(pks)
    pks.set_defaults(handler=_agreement)


def _agreement(args: argparse.Namespace) -> int:
    from services import documents as docs
    from services.core.office_time import office_today_of
    from services.documents.saving import check_destination

    ctx = signed_in(args)
    second = docs.default_second_party(ctx)
    second = replace(
        second,
        name=args.bpjs_head or second.name,
        npk=args.bpjs_npk or second.npk,
        decree=args.bpjs_decree or second.decree,
    )
    request = docs.AgreementRequest(
        signatory_id=args.signatory or _only_signatory(ctx, regional_head=True),
        second_party=second,
        agreement_date=args.date or office_today_of(ctx),
        second_party_number=args.bpjs_number,
        count_date=args.count_date,
        workers=args.workers,
        months=args.months,
        period_start=args.start,
        budget_code=args.budget_code,
        apbd_regulation=args.apbd_regulation,
        bpjs_account=args.bpjs_account,
        page_size=PageSize(args.page_size) if args.page_size else None,
        replaces_number=args.replaces,
    )
    if args.preview:
        return _write_preview(args.output, docs.preview_agreement(ctx, request))
    params = docs.compute_agreement(ctx, request)
    check_destination(args.output)
    issued = docs.issue_agreement(ctx, request, placeholder_confirmed=args.confirm_placeholder)
    _write(args.output, issued)
    print(
        f"  {number(params.workers)} peserta × {rupiah(params.premium_per_worker)} × "
        f"{params.months} bulan = {rupiah(params.total_value)}"
    )
    return 0


# -- letters ------------------------------------------------------------------


def _letter_parsers(commands: argparse._SubParsersAction) -> None:
    letter = commands.add_parser("letter", help="buat dan catat surat dinas")
    types = letter.add_subparsers(dest="letter_type", metavar="JENIS", required=True)
    for name, text in LETTER_TYPES.items():
        sub = types.add_parser(name, help=text)
        _LETTER_OPTIONS[name](sub)
        sub.add_argument(
            "--date",
            type=parse_cli_date,
            metavar="YYYY-MM-DD",
            help="tanggal surat (bawaan: hari ini)",
        )
        sub.add_argument("--sifat", choices=[s.value for s in Sifat], default="biasa")
        sub.add_argument(
            "--copy",
            action="append",
            metavar="TEKS",
            help="tembusan (boleh berulang; bawaan: dari templat; Arsip selalu)",
        )
        _output(sub)
        sub.set_defaults(handler=_letter)


def _registration_options(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--from",
        dest="date_from",
        type=parse_cli_date,
        required=True,
        metavar="YYYY-MM-DD",
        help="awal periode pencatatan peserta",
    )
    p.add_argument(
        "--to",
        dest="date_to",
        type=parse_cli_date,
        required=True,
        metavar="YYYY-MM-DD",
        help="akhir periode pencatatan peserta",
    )
    p.add_argument("--kecamatan", metavar="KODE")
    p.add_argument("--village", metavar="KODE")


# Typed for a letter without a claim record; with --claim they come from the claim.
_CLAIM_TYPED = {
    "program": "--program",
    "worker_name": "--worker-name",
    "worker_nik": "--worker-nik",
    "event_date": "--event-date",
    "claimant_name": "--claimant-name",
    "claimant_relation": "--claimant-relation",
    "event_description": "--event-description",
    "claimant_nik": "--claimant-nik",
    "claimant_address": "--claimant-address",
    "claimant_phone": "--claimant-phone",
    "document": "--document",
}
_CLAIM_NEEDED = ("program", "worker_nik", "event_date", "claimant_name", "claimant_relation")


def _claim_options(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--claim",
        "--klaim",
        dest="claim_id",
        type=record_id,
        metavar="ID",
        help="isi surat dari berkas klaim ini (lihat 'claims list'); opsi isian lain tidak dipakai",
    )
    p.add_argument(
        "--heir",
        "--ahli-waris",
        dest="heir_id",
        type=record_id,
        metavar="ID",
        help="dengan --claim: pemohon, salah satu ahli waris klaim (bawaan: ahli waris berhak "
        "pertama; JKK tanpa kematian: peserta sendiri)",
    )
    p.add_argument(
        "--submit",
        action="store_true",
        help="dengan --claim: catat juga klaim sebagai diajukan ke BPJS dengan nomor dan "
        "tanggal surat ini",
    )
    p.add_argument("--program", choices=[c.value for c in ClaimProgramme])
    p.add_argument(
        "--worker-name", default="", help="bila diisi, harus sama dengan nama NIK di register"
    )
    p.add_argument("--worker-nik", help="NIK peserta yang terdaftar di register")
    p.add_argument(
        "--event-date",
        type=parse_cli_date,
        help="tanggal meninggal (JKM) atau kecelakaan (JKK)",
    )
    p.add_argument("--claimant-name")
    p.add_argument("--claimant-relation", help="mis. Istri, Anak kandung")
    # KPJ, occupation and address are the register's, as of the event's day.
    for option in (
        "event-description",
        "claimant-nik",
        "claimant-address",
        "claimant-phone",
    ):
        p.add_argument(f"--{option}", default="")
    p.add_argument(
        "--document",
        action="append",
        default=[],
        metavar="TEKS",
        help="berkas terlampir (boleh berulang)",
    )


def _membership_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--worker", required=True, metavar="NIK|KPJ|ID")
    p.add_argument("--purpose", required=True, help="keperluan surat keterangan")


def _heir_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--heir-name", required=True)
    p.add_argument("--heir-address", required=True)
    p.add_argument("--death-date", type=parse_cli_date, required=True)
    p.add_argument("--worker", required=True, metavar="NIK|KPJ|ID", help="almarhum di register")
    p.add_argument(
        "--heir-nik",
        default="",
        help="NIK ahli waris, untuk sapaan Sdr./Sdri. (bawaan: ahli waris di register)",
    )
    p.add_argument("--document", action="append", default=[], metavar="TEKS")
    p.add_argument("--where", default="", help="tempat mengurus (bawaan: dari templat)")


def _premium_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--period", required=True, metavar="YYYY-MM", help="bulan pertama")
    p.add_argument("--months", type=bounded_int(1, 120, "jumlah bulan"), default=1)
    p.add_argument(
        "--workers",
        type=bounded_int(1, 10_000_000, "jumlah peserta"),
        help="jumlah peserta; harus sama dengan perhitungan iuran (bawaan: dari perhitungan)",
    )
    p.add_argument("--bill-number", default="", help="nomor surat tagihan BPJS")
    p.add_argument("--bill-date", type=parse_cli_date)


_LETTER_OPTIONS: dict[str, Callable[[argparse.ArgumentParser], None]] = {
    "pengantar": _registration_options,
    "klaim": _claim_options,
    "keterangan": _membership_options,
    "ahli-waris": _heir_options,
    "iuran": _premium_options,
}


def _letter(args: argparse.Namespace) -> int:
    from services import documents as docs
    from services.core.office_time import office_today_of
    from services.documents.saving import check_destination

    ctx = signed_in(args)
    request = docs.LetterRequest(
        fields=_letter_fields(ctx, args),
        signatory_id=args.signatory or _only_signatory(ctx, regional_head=False),
        document_date=args.date or office_today_of(ctx),
        sifat=Sifat(args.sifat),
        page_size=PageSize(args.page_size) if args.page_size else None,
        copies=tuple(args.copy) if args.copy else None,
        replaces_number=args.replaces,
    )
    submit = getattr(args, "submit", False)
    if args.preview:
        if submit:
            raise SiRentanError(
                "--submit mencatat pengajuan dengan nomor surat; pratinjau tidak bernomor. "
                "Hapus salah satu dari --preview dan --submit."
            )
        return _write_preview(args.output, docs.preview_letter(ctx, request))
    check_destination(args.output)  # a bad target costs no number
    issued = docs.issue_letter(ctx, request, placeholder_confirmed=args.confirm_placeholder)
    _write(args.output, issued)
    if submit:
        _submit_claim(ctx, args.claim_id, issued)
    elif getattr(args, "claim_id", None) is not None:
        print(
            f"Catat pengajuannya: '{command_prefix()} claims status {args.claim_id} diajukan "
            f"--letter-number {issued.entry.number} --letter-date "
            f"{issued.entry.document_date.isoformat()}' (atau pakai --submit)."
        )
    return 0


def _letter_fields(ctx: ServiceContext, args: argparse.Namespace) -> docs.LetterFields:
    from services import documents as docs

    kind = args.letter_type
    if kind == "pengantar":
        return docs.RegistrationLetter(args.date_from, args.date_to, args.kecamatan, args.village)
    if kind == "klaim":
        if args.claim_id is not None:
            return _from_claim(ctx, args)
        _typed_claim_letter(args)
        return docs.ClaimLetter(
            programme=ClaimProgramme(args.program),
            worker_name=args.worker_name,
            worker_nik=args.worker_nik,
            event_date=args.event_date,
            claimant_name=args.claimant_name,
            claimant_relation=args.claimant_relation,
            event_description=args.event_description,
            claimant_nik=args.claimant_nik,
            claimant_address=args.claimant_address,
            claimant_phone=args.claimant_phone,
            documents=tuple(args.document),
        )
    if kind == "keterangan":
        return docs.MembershipLetter(_worker_id(ctx, args.worker), args.purpose)
    if kind == "ahli-waris":
        return docs.HeirNoticeLetter(
            heir_name=args.heir_name,
            heir_address=args.heir_address,
            death_date=args.death_date,
            worker_id=_worker_id(ctx, args.worker),
            heir_nik=args.heir_nik,
            documents=tuple(args.document),
            where=args.where,
        )
    year, month = (int(part) for part in args.period.split("-"))
    return docs.PremiumLetter(
        period_start=date(year, month, 1),
        months=args.months,
        workers=args.workers,
        bill_number=args.bill_number,
        bill_date=args.bill_date,
    )


def _from_claim(ctx: ServiceContext, args: argparse.Namespace) -> docs.ClaimLetter:
    """Every fact from the claim record: nothing typed can disagree with it."""
    from services.claims.letter import claim_letter

    typed = [
        option for name, option in _CLAIM_TYPED.items() if getattr(args, name) not in (None, "", [])
    ]
    if typed:
        raise SiRentanError(
            f"Dengan --claim, isi surat diambil dari berkas klaim #{args.claim_id}; hapus "
            f"{', '.join(typed)} dari perintah (ubah datanya di klaim itu bila perlu)."
        )
    return claim_letter(ctx, args.claim_id, args.heir_id)


def _typed_claim_letter(args: argparse.Namespace) -> None:
    """Without a claim record every fact is typed: the needed ones must be there."""
    if args.heir_id is not None or args.submit:
        used = "--heir" if args.heir_id is not None else "--submit"
        raise SiRentanError(
            f"{used} hanya berlaku bersama --claim ID (surat dari berkas klaim); tambahkan "
            "--claim atau hapus opsi itu."
        )
    missing = [_CLAIM_TYPED[n] for n in _CLAIM_NEEDED if not getattr(args, n)]
    if missing:
        raise SiRentanError(
            f"Surat klaim tanpa berkas klaim perlu {', '.join(missing)}; atau pakai --claim ID "
            "untuk mengisi surat dari berkas klaim."
        )


def _submit_claim(ctx: ServiceContext, claim_id: int, issued: docs.IssuedDocument) -> None:
    """The claim goes to BPJS with this letter: its number and date on the claim."""
    from models.enums import ClaimStatus
    from services import claims
    from services.claims.labels import CLAIM_STATUS

    entry = issued.entry
    detail = claims.get_claim(ctx, claim_id)
    change = claims.StatusChange(
        ClaimStatus.SUBMITTED,
        on=entry.document_date,
        letter_number=entry.number,
        letter_date=entry.document_date,
    )
    try:
        detail = claims.change_status(ctx, claim_id, change, detail.version)
    except SiRentanError as error:
        raise SiRentanError(
            f"Surat sudah terbit, tetapi klaim #{claim_id} belum dicatat diajukan: "
            f"{error.message} Catat nanti dengan '{command_prefix()} claims status {claim_id} "
            f"diajukan --letter-number {entry.number} --letter-date "
            f"{entry.document_date.isoformat()}'."
        ) from error
    print(f"Klaim #{detail.id} sekarang: {CLAIM_STATUS[detail.status]} (surat {entry.number}).")


def _worker_id(ctx: ServiceContext, text: str) -> int:
    """A worker by whole NIK or KPJ number, or by the register's id."""
    from services.workers.service import WorkerService
    from services.workers.types import WorkerQuery

    digits = "".join(ch for ch in text if ch.isdigit())
    if digits and len(digits) < 11:
        return int(digits)
    page = WorkerService(ctx).search(WorkerQuery(text=digits, limit=5))
    exact = [r for r in page.rows if digits in (r.nik, r.kpj)]
    if len(exact) != 1:
        raise NotFoundError(f"Peserta dengan NIK/KPJ {text} tidak ditemukan di register.")
    return exact[0].id


def _only_signatory(ctx: ServiceContext, regional_head: bool) -> int:
    """The one active signatory of the kind, when there is exactly one."""
    from services import documents as docs

    found = [s for s in docs.list_signatories(ctx) if s.regional_head == regional_head]
    if len(found) == 1:
        return found[0].id
    who = "Bupati" if regional_head else "pejabat penandatangan"
    raise SiRentanError(
        f"Sebutkan penandatangan dengan --signatory ID: ada {len(found)} {who} aktif "
        f"(lihat '{command_prefix()} signatories list'; tambah dengan 'signatories add')."
    )


def _write(path: Path, issued: docs.IssuedDocument) -> None:
    from services.documents.saving import save_issued_pdf

    save_issued_pdf(issued.entry.number, issued.pdf, path)
    entry = issued.entry
    print(
        f"{entry.kind_label} nomor {entry.number} tanggal {long_date(entry.document_date)} "
        f"dicatat di buku agenda; {entry.page_count} halaman ditulis ke {path}."
    )


def _write_preview(path: Path, rendered: RenderedPdf) -> int:
    write_bytes_atomically(path, rendered.data)
    print(
        f"Pratinjau ({rendered.page_count} halaman, tanpa nomor, tidak dicatat) ditulis ke {path}."
    )
    return 0
