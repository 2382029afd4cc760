"""Surat pengantar pendaftaran: the workers BPJS must still register, sent to the branch
and listed in an attachment (name, NIK, birth date, village, kecamatan, occupation,
coverage start). Only workers who need it: covered on the letter's date by a period that
began in the letter's period, paid by the district, with no KPJ yet."""

from __future__ import annotations

from services.core.context import ServiceContext
from services.core.errors import Problem
from services.core.permissions import Permission
from services.core.unit_of_work import read_session
from services.documents.blocks import DataTable
from services.documents.letters.common import (
    COMMON_PLACEHOLDERS,
    Composed,
    LetterEnv,
    LetterType,
    refuse,
)
from services.documents.letters.fields import RegistrationLetter
from services.documents.letters.layout import Attachment
from services.documents.rates import paid_funding_sources
from services.documents.register_reads import to_register
from services.documents.styles import esc
from services.documents.templates import TemplateSpec
from services.text.formatting import long_date, short_date
from services.text.money import number, number_with_words
from services.workers.regions import RegionDirectory

DEFAULT = """\
[hal]
Pengantar Pendaftaran Peserta Baru Jaminan Sosial Ketenagakerjaan Pekerja Rentan

[kepada]
Kepala {cabang_bpjs}

[di]
{kota_cabang}

[isi]
Dalam rangka pelindungan jaminan sosial ketenagakerjaan bagi pekerja rentan yang iurannya
dibayarkan oleh Pemerintah {kabupaten}, bersama ini kami sampaikan daftar peserta
baru {wilayah} sebanyak {jumlah_peserta} orang yang mulai dilindungi pada tanggal
{dari_tanggal} sampai dengan {sampai_tanggal} dan belum memiliki nomor kepesertaan (KPJ),
sebagaimana tercantum dalam lampiran surat ini, untuk didaftarkan sebagai peserta program
Jaminan Kecelakaan Kerja (JKK) dan Jaminan Kematian (JKM) segmen Bukan Penerima Upah.

Mohon kiranya peserta tersebut dapat didaftarkan dan nomor kepesertaannya (KPJ)
disampaikan kepada kami untuk dicatat.

Demikian disampaikan, atas perhatian dan kerja samanya diucapkan terima kasih.

[tembusan]
{bupati} (sebagai laporan)
"""

SPEC = TemplateSpec(
    key="letter.pengantar",
    label="Surat pengantar pendaftaran",
    default=DEFAULT,
    sections=("hal", "kepada", "di", "isi", "tembusan"),
    placeholders=COMMON_PLACEHOLDERS
    | {
        "jumlah_peserta": "jumlah peserta baru, mis. 120 (seratus dua puluh)",
        "wilayah": "mis. di Desa Aplasi, Kecamatan Kota Kefamenanu",
        "dari_tanggal": "awal periode pencatatan",
        "sampai_tanggal": "akhir periode pencatatan",
    },
)

HEADERS = [
    "No.",
    "Nama Lengkap",
    "NIK",
    "Tanggal Lahir",
    "Desa/Kel.",
    "Kecamatan",
    "Pekerjaan",
    "Mulai Dilindungi",
]
WIDTHS = [0.045, 0.19, 0.175, 0.1, 0.12, 0.125, 0.12, 0.125]
ALIGN = ["RIGHT", "LEFT", "CENTER", "CENTER", "LEFT", "LEFT", "LEFT", "CENTER"]
WRAP = [False, True, False, False, True, True, True, False]


def compose(ctx: ServiceContext, fields: RegistrationLetter, env: LetterEnv) -> Composed:
    principal = ctx.require(Permission.READ_WORKERS)
    regions = RegionDirectory(ctx)
    problems: list[Problem] = []
    if fields.registered_to < fields.registered_from:
        problems.append(
            Problem(
                "period_order",
                "registered_to",
                "Tanggal akhir periode tidak boleh sebelum tanggal awalnya.",
            )
        )
    if fields.registered_to > env.document_date:
        problems.append(
            Problem(
                "period_after_letter",
                "registered_to",
                f"Periode berakhir {long_date(fields.registered_to)}, sesudah tanggal surat "
                f"({long_date(env.document_date)}): surat hanya dapat menyebut peserta yang "
                "sudah dilindungi pada tanggal surat. Akhiri periode paling lambat pada tanggal "
                "surat.",
            )
        )
    for code, name in (
        (fields.village_code, "village_code"),
        (fields.kecamatan_code, "kecamatan_code"),
    ):
        if code and regions.get(code) is None:
            problems.append(
                Problem(
                    "region_unknown",
                    name,
                    f"Kode wilayah {code} tidak ada di {regions.kabupaten_name}.",
                )
            )
    refuse(problems, "surat pengantar pendaftaran")
    paid = paid_funding_sources(env.settings)
    with read_session(ctx) as session:
        rows = to_register(
            session,
            principal,
            fields.registered_from,
            fields.registered_to,
            env.document_date,
            paid,
            fields.kecamatan_code,
            fields.village_code,
        )
    area = _area(regions, fields, env)
    if not rows:
        refuse(
            [
                Problem(
                    "no_participants",
                    "registered_from",
                    f"Tidak ada peserta baru {area} yang mulai dilindungi pada "
                    f"{long_date(fields.registered_from)} s.d. {long_date(fields.registered_to)}, "
                    f"masih terlindungi pada {long_date(env.document_date)} dan belum memiliki "
                    "KPJ. Periksa periode atau wilayahnya.",
                )
            ],
            "surat pengantar pendaftaran",
        )
    table_rows = [
        [
            number(index),
            p.full_name,
            p.nik,
            short_date(p.birth_date),
            regions.name(p.village_code),
            regions.name(p.kecamatan_code),
            p.occupation,
            short_date(p.coverage_start),
        ]
        for index, p in enumerate(rows, start=1)
    ]
    attachment = Attachment(
        title=f"DAFTAR PESERTA BARU PEKERJA RENTAN<br/>{esc(area.upper())}<br/>"
        f"MULAI DILINDUNGI {long_date(fields.registered_from).upper()} S.D. "
        f"{long_date(fields.registered_to).upper()}",
        table=DataTable(HEADERS, table_rows, WIDTHS, ALIGN, WRAP),
        note=f"Jumlah: {number_with_words(len(rows), 'orang')}.",
    )
    values = {
        "jumlah_peserta": number_with_words(len(rows)),
        "wilayah": area,
        "dari_tanggal": long_date(fields.registered_from),
        "sampai_tanggal": long_date(fields.registered_to),
    }
    return Composed(values, attachment=attachment, audit={"participants": len(rows)})


def _area(regions: RegionDirectory, fields: RegistrationLetter, env: LetterEnv) -> str:
    if fields.village_code:
        village = regions.get(fields.village_code)
        assert village is not None
        kecamatan = regions.name(village.parent_code or "")
        return f"di {village.label}, Kecamatan {kecamatan}"
    if fields.kecamatan_code:
        return f"di Kecamatan {regions.name(fields.kecamatan_code)}"
    return f"di {env.settings['district.kabupaten_name']}"


LETTER = LetterType(SPEC, compose)
