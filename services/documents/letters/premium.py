"""Surat pembayaran iuran: the covering letter for a premium payment, with the period, the
number of workers, the rates and the amount in figures and words: the premium module's
figures for those months (one question, one answer), per month in an attachment when the
letter covers more than one."""

from __future__ import annotations

from decimal import Decimal

from services.core.context import ServiceContext
from services.core.errors import Problem
from services.core.paths import command_prefix
from services.core.permissions import Permission
from services.documents.agreement.in_force import AgreementReference, agreement_for
from services.documents.blocks import DataTable
from services.documents.dates_words import month_year
from services.documents.letters.common import (
    COMMON_PLACEHOLDERS,
    Composed,
    LetterEnv,
    LetterType,
    refuse,
)
from services.documents.letters.fields import PremiumLetter
from services.documents.letters.layout import Attachment
from services.documents.rates import paid_funding_sources
from services.documents.styles import esc
from services.documents.templates import TemplateSpec
from services.premiums import Month, premium_series, rate_on
from services.text.formatting import long_date
from services.text.money import number, number_with_words, rupiah, rupiah_plain, rupiah_words

MAX_MONTHS = 12

DEFAULT = """\
[hal]
Pembayaran Iuran Jaminan Sosial Ketenagakerjaan Pekerja Rentan {periode}

[kepada]
Kepala {cabang_bpjs}

[di]
{kota_cabang}

[isi]
Menindaklanjuti {dasar_pembayaran}, bersama ini kami sampaikan pembayaran iuran program
Jaminan Kecelakaan Kerja (JKK) dan Jaminan Kematian (JKM) bagi pekerja rentan yang dibiayai
oleh Pemerintah {kabupaten} untuk {periode_lengkap}, dengan rincian sebagai berikut:
Jumlah peserta | {jumlah_peserta} orang
Iuran JKK per orang per bulan | {iuran_jkk}
Iuran JKM per orang per bulan | {iuran_jkm}
Jumlah bulan | {jumlah_bulan} bulan
Jumlah iuran | **{jumlah_iuran}**
Terbilang | ({terbilang})

Pembayaran tersebut kami transfer {rekening}. Mohon kiranya dapat diterbitkan bukti
penerimaan pembayaran iuran dimaksud.

Demikian disampaikan, atas perhatian dan kerja samanya diucapkan terima kasih.

[tembusan]
{bupati} (sebagai laporan)
Kepala Badan Pengelolaan Keuangan dan Aset Daerah {kabupaten}
"""

SPEC = TemplateSpec(
    key="letter.iuran",
    label="Surat pembayaran iuran",
    default=DEFAULT,
    sections=("hal", "kepada", "di", "isi", "tembusan"),
    placeholders=COMMON_PLACEHOLDERS
    | {
        "periode": "mis. Bulan Juli 2025, atau Juli 2025 s.d. Desember 2025",
        "periode_lengkap": "mis. bulan Juli 2025",
        "dasar_pembayaran": "surat tagihan BPJS (nomor dan tanggal) dan/atau perjanjian kerja "
        "sama yang tercatat di buku agenda untuk bulan-bulan itu (nomor dan tanggal)",
        "jumlah_peserta": "mis. 14.880",
        "iuran_jkk": "mis. Rp10.000,00",
        "iuran_jkm": "mis. Rp6.800,00",
        "jumlah_bulan": "mis. 1 (satu)",
        "jumlah_iuran": "mis. Rp249.984.000,00",
        "terbilang": "jumlah iuran dengan huruf",
        "rekening": "rekening tujuan: yang tercantum di PKS yang berlaku untuk bulan-bulan "
        "itu; tanpa PKS, dari menu Pengaturan → Pengaturan kantor → Iuran → Rekening tujuan "
        "pembayaran iuran",
    },
)


RECORD = "surat pembayaran iuran"


def compose(ctx: ServiceContext, fields: PremiumLetter, env: LetterEnv) -> Composed:
    """The workers and amounts are the premium module's for each month (``premium_series``,
    the figures of ``premium show``), for the funding sources the district pays; a typed
    count or rate that differs from them is refused, never printed."""
    ctx.require(Permission.READ_WORKERS)
    problems: list[Problem] = []
    if not 1 <= fields.months <= MAX_MONTHS:
        problems.append(
            Problem("months_range", "months", f"Jumlah bulan harus 1 sampai {MAX_MONTHS}.")
        )
    if fields.workers is not None and fields.workers <= 0:
        problems.append(Problem("workers_range", "workers", "Jumlah peserta harus lebih dari 0."))
    refuse(problems, RECORD)
    paid = paid_funding_sources(env.settings)
    first = Month.of(fields.period_start)
    months = [first.shift(i) for i in range(fields.months)]
    series = premium_series(ctx, months)
    counted = [
        (m.month, sum(m.of(f).workers for f in paid), sum(m.of(f).amount for f in paid))
        for m in series
    ]
    empty = [month for month, workers, _ in counted if workers == 0]
    if empty:
        refuse(
            [
                Problem(
                    "no_workers",
                    "period_start",
                    "Tidak ada peserta yang iurannya dihitung untuk "
                    + ", ".join(month_year(m.first_day) for m in empty)
                    + f" (perhitungan iuran: {command_prefix()} premium show). Periksa bulannya.",
                )
            ],
            RECORD,
        )
    rate = rate_on(ctx, paid[0], first.first_day)
    jkk, jkm = Decimal(rate.jkk), Decimal(rate.jkm)
    _refuse_typed(fields, counted, jkk, jkm)
    total = Decimal(sum(amount for _, _, amount in counted))
    counts = sorted({workers for _, workers, _ in counted})
    last = months[-1].first_day
    start = first.first_day
    if fields.months == 1:
        period, period_long = f"Bulan {month_year(start)}", f"bulan {month_year(start)}"
    else:
        span = f"{month_year(start)} s.d. {month_year(last)}"
        period, period_long = span, f"{number_with_words(fields.months)} bulan, {span}"
    agreement = agreement_for(ctx, start, months[-1].last_day, env.document_date, env.settings)
    basis = _basis(fields, agreement, env.settings)
    # The agreement in force says where the premium is paid; the setting only without one
    # (or for an agreement whose account the letter register does not hold).
    account = (agreement.bpjs_account if agreement is not None else "") or env.settings[
        "premium.bpjs_account"
    ].strip()
    values = {
        "periode": period,
        "periode_lengkap": period_long,
        "dasar_pembayaran": basis,
        "jumlah_peserta": " s.d. ".join(number(n) for n in (counts[0], counts[-1]))
        if len(counts) > 1
        else number(counts[0]),
        "iuran_jkk": rupiah(jkk),
        "iuran_jkm": rupiah(jkm),
        "jumlah_bulan": number_with_words(fields.months),
        "jumlah_iuran": rupiah(total),
        "terbilang": rupiah_words(total),
        "rekening": f"ke rekening {account}" if account else "ke rekening BPJS Ketenagakerjaan",
    }
    attachment = None
    if fields.months > 1:
        attachment = Attachment(
            title=f"RINCIAN IURAN PER BULAN<br/>{esc(period.upper())}",
            table=DataTable(
                ["No.", "Bulan", "Jumlah Peserta (orang)", "Jumlah Iuran (Rp)"],
                [
                    [number(i), month_year(m.first_day), number(w), rupiah_plain(a)]
                    for i, (m, w, a) in enumerate(counted, start=1)
                ],
                [0.08, 0.37, 0.25, 0.3],
                ["RIGHT", "LEFT", "RIGHT", "RIGHT"],
                [False, False, False, False],
                total_row=["", "JUMLAH", "", rupiah_plain(total)],
            ),
            note="Jumlah peserta dan iuran setiap bulan sama dengan perhitungan iuran dari "
            "register (Iuran &amp; anggaran).",
        )
    audit = {"workers": counts[-1], "amount": str(total)}
    return Composed(values, attachment=attachment, audit=audit)


def _basis(
    fields: PremiumLetter, agreement: AgreementReference | None, settings: dict[str, str]
) -> str:
    """What the payment follows: the bill, and the issued agreement whose term covers
    the months paid, by number and date; with none issued, the agreement unnumbered
    (no bill) or not at all: never a number the letter register does not hold."""
    branch = settings["bpjs.branch_name"]
    parts: list[str] = []
    if fields.bill_number.strip():
        bill = f"surat tagihan {branch} Nomor {fields.bill_number.strip()}"
        if fields.bill_date:
            bill += f" tanggal {long_date(fields.bill_date)}"
        parts.append(bill)
    district = settings["district.kabupaten_name"]
    pks = f"Perjanjian Kerja Sama antara Pemerintah {district} dan {branch}"
    if agreement is not None:
        numbers = f"Nomor {agreement.number}"
        if agreement.second_number:
            numbers += f" dan Nomor {agreement.second_number}"
        parts.append(f"{pks} {numbers} tanggal {long_date(agreement.document_date)}")
    elif not parts:
        parts.append(pks)
    return " berdasarkan ".join(parts)


def _refuse_typed(
    fields: PremiumLetter,
    counted: list[tuple[Month, int, int]],
    jkk: Decimal,
    jkm: Decimal,
) -> None:
    problems: list[Problem] = []
    if fields.workers is not None and any(w != fields.workers for _, w, _ in counted):
        listed = ", ".join(f"{month_year(m.first_day)} {number(w)} orang" for m, w, _ in counted)
        problems.append(
            Problem(
                "workers_differ",
                "workers",
                f"Jumlah peserta yang diketik ({number(fields.workers)} orang) berbeda dengan "
                f"perhitungan iuran dari register ({listed}). Kosongkan jumlah peserta; surat "
                "memakai angka perhitungan iuran.",
            )
        )
    for typed, rate, label, field in (
        (fields.jkk_monthly, jkk, "JKK", "jkk_monthly"),
        (fields.jkm_monthly, jkm, "JKM", "jkm_monthly"),
    ):
        if typed is not None and Decimal(typed) != rate:
            problems.append(
                Problem(
                    "rate_differs",
                    field,
                    f"Iuran {label} yang diketik ({rupiah(Decimal(typed))}) berbeda dengan tarif "
                    f"yang berlaku ({rupiah(rate)}). Kosongkan isian itu, atau ubah tarif di "
                    "Iuran & anggaran lebih dulu.",
                )
            )
    refuse(problems, RECORD)


LETTER = LetterType(SPEC, compose)
