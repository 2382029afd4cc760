"""Surat pembayaran iuran: the covering letter for a premium payment, with the period, the
number of workers, the rates and the amount in figures and words."""

from __future__ import annotations

from services.context import ServiceContext
from services.documents.dates_words import add_months, month_year
from services.documents.letters.common import (
    COMMON_PLACEHOLDERS,
    Composed,
    LetterEnv,
    LetterType,
    refuse,
)
from services.documents.letters.fields import PremiumLetter
from services.documents.rates import paid_funding_sources, premium_rates
from services.documents.register_reads import counts_on
from services.documents.templates import TemplateSpec
from services.errors import Problem
from services.formatting import long_date
from services.money import number, number_with_words, rupiah, rupiah_words
from services.permissions import Permission
from services.unit_of_work import read_session

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
        "dasar_pembayaran": "surat tagihan BPJS (nomor dan tanggal) atau perjanjian kerja sama",
        "jumlah_peserta": "mis. 14.880",
        "iuran_jkk": "mis. Rp10.000,00",
        "iuran_jkm": "mis. Rp6.800,00",
        "jumlah_bulan": "mis. 1 (satu)",
        "jumlah_iuran": "mis. Rp249.984.000,00",
        "terbilang": "jumlah iuran dengan huruf",
        "rekening": "rekening tujuan (Pengaturan → Iuran → Rekening tujuan pembayaran iuran)",
    },
)


def compose(ctx: ServiceContext, fields: PremiumLetter, env: LetterEnv) -> Composed:
    principal = ctx.require(Permission.READ_WORKERS)
    problems: list[Problem] = []
    if not 1 <= fields.months <= MAX_MONTHS:
        problems.append(
            Problem("months_range", "months", f"Jumlah bulan harus 1 sampai {MAX_MONTHS}.")
        )
    if fields.workers is not None and fields.workers <= 0:
        problems.append(Problem("workers_range", "workers", "Jumlah peserta harus lebih dari 0."))
    refuse(problems, "surat pembayaran iuran")
    first = fields.period_start.replace(day=1)
    last = add_months(first, fields.months - 1)
    rates = premium_rates(ctx, first)
    jkk = fields.jkk_monthly if fields.jkk_monthly is not None else rates.jkk
    jkm = fields.jkm_monthly if fields.jkm_monthly is not None else rates.jkm
    workers = fields.workers
    if workers is None:
        paid = set(paid_funding_sources(env.settings))
        with read_session(ctx) as session:
            counts = counts_on(session, principal, first)
        workers = sum(n for (_, funding), n in counts.items() if funding in paid)
        if workers == 0:
            refuse(
                [
                    Problem(
                        "no_workers",
                        "workers",
                        f"Tidak ada peserta terdaftar pada {long_date(first)}. "
                        "Isi jumlah peserta secara manual.",
                    )
                ],
                "surat pembayaran iuran",
            )
    total = (jkk + jkm) * workers * fields.months
    if fields.months == 1:
        period, period_long = f"Bulan {month_year(first)}", f"bulan {month_year(first)}"
    else:
        span = f"{month_year(first)} s.d. {month_year(last)}"
        period, period_long = span, f"{number_with_words(fields.months)} bulan, {span}"
    if fields.bill_number.strip():
        basis = (
            f"surat tagihan {env.settings['bpjs.branch_name']} Nomor {fields.bill_number.strip()}"
        )
        if fields.bill_date:
            basis += f" tanggal {long_date(fields.bill_date)}"
    else:
        basis = (
            f"Perjanjian Kerja Sama antara Pemerintah {env.settings['district.kabupaten_name']} "
            f"dan {env.settings['bpjs.branch_name']}"
        )
    account = env.settings["premium.bpjs_account"].strip()
    values = {
        "periode": period,
        "periode_lengkap": period_long,
        "dasar_pembayaran": basis,
        "jumlah_peserta": number(workers),
        "iuran_jkk": rupiah(jkk),
        "iuran_jkm": rupiah(jkm),
        "jumlah_bulan": number_with_words(fields.months),
        "jumlah_iuran": rupiah(total),
        "terbilang": rupiah_words(total),
        "rekening": f"ke rekening {account}" if account else "ke rekening BPJS Ketenagakerjaan",
    }
    return Composed(values, audit={"workers": workers, "amount": str(total)})


LETTER = LetterType(SPEC, compose)
