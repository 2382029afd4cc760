"""Surat pemberitahuan kepada ahli waris: condolences, the right to the JKM benefit, the
documents to bring (the JKM claim list of the domain rules, editable in the template)
and where to bring them."""

from __future__ import annotations

from services.context import ServiceContext
from services.documents.letters.common import (
    COMMON_PLACEHOLDERS,
    Composed,
    LetterEnv,
    LetterType,
    or_dash,
    refuse,
    required,
)
from services.documents.letters.fields import HeirNoticeLetter
from services.documents.templates import TemplateSpec, plain, plain_lines
from services.errors import Problem
from services.formatting import long_date
from services.workers import WorkerService

DEFAULT = """\
[hal]
Pemberitahuan Hak atas Manfaat Jaminan Kematian

[kepada]
Sdr./Sdri. {nama_ahli_waris}
Ahli waris almarhum/almarhumah {nama_almarhum}

[di]
{alamat_ahli_waris}

[isi]
Dengan hormat, kami turut berduka cita atas meninggalnya {nama_almarhum} pada tanggal
{tanggal_meninggal}. Almarhum/almarhumah tercatat sebagai peserta program Jaminan Sosial
Ketenagakerjaan (Jaminan Kecelakaan Kerja dan Jaminan Kematian) dengan Nomor KPJ {kpj}, yang
iurannya dibayarkan oleh Pemerintah {kabupaten}. Sebagai ahli waris, Saudara/Saudari berhak
mengajukan klaim manfaat Jaminan Kematian kepada BPJS Ketenagakerjaan.

Untuk pengajuan klaim tersebut, mohon disiapkan dokumen asli beserta fotokopinya
sebagai berikut:
- {berkas}

Dokumen tersebut mohon dibawa ke {tempat_pengurusan}. Pengurusan klaim tidak dipungut
biaya.

Demikian pemberitahuan ini disampaikan untuk dapat ditindaklanjuti.

[berkas]
Kartu peserta BPJS Ketenagakerjaan almarhum/almarhumah (bila ada)
KTP elektronik almarhum/almarhumah dan ahli waris
Akta kematian dari Dukcapil, atau surat keterangan kematian dari rumah sakit atau desa/kelurahan
Kartu Keluarga
Surat keterangan ahli waris dari kepala desa/lurah yang diketahui camat
Buku nikah, bila ahli waris adalah suami atau istri
Buku tabungan atas nama ahli waris

[tempat]
kantor {dinas} {kabupaten}, {alamat_dinas}, pada hari dan jam kerja, untuk diperiksa
dan diteruskan kepada {cabang_bpjs}

[tembusan]
Kepala {cabang_bpjs}
"""

SPEC = TemplateSpec(
    key="letter.ahli_waris",
    label="Surat pemberitahuan kepada ahli waris",
    default=DEFAULT,
    sections=("hal", "kepada", "di", "isi", "berkas", "tempat", "tembusan"),
    placeholders=COMMON_PLACEHOLDERS
    | {
        "nama_ahli_waris": "nama ahli waris",
        "alamat_ahli_waris": "alamat ahli waris",
        "nama_almarhum": "nama peserta yang meninggal",
        "tanggal_meninggal": "tanggal meninggal",
        "kpj": "nomor KPJ almarhum/almarhumah",
        "berkas": "dokumen yang dibawa (dari bagian [berkas] atau isian petugas)",
        "tempat_pengurusan": "tempat mengurus (dari bagian [tempat] atau isian petugas)",
        "alamat_dinas": "alamat kantor dinas",
    },
)


def compose(ctx: ServiceContext, fields: HeirNoticeLetter, env: LetterEnv) -> Composed:
    problems: list[Problem] = []
    heir = required(problems, fields.heir_name, "heir_name", "Nama ahli waris")
    address = required(problems, fields.heir_address, "heir_address", "Alamat ahli waris")
    if fields.worker_id is None:
        deceased = required(problems, fields.deceased_name, "deceased_name", "Nama almarhum")
        kpj = fields.deceased_kpj
    if fields.death_date > env.document_date:
        problems.append(
            Problem(
                "death_future", "death_date", "Tanggal meninggal tidak boleh sesudah tanggal surat."
            )
        )
    refuse(problems, "surat pemberitahuan ahli waris")
    if fields.worker_id is not None:
        worker = WorkerService(ctx).get(fields.worker_id)
        deceased, kpj = worker.full_name, worker.kpj or ""
    office = {"alamat_dinas": env.settings["office.address"]}
    documents = [" ".join(d.split()) for d in fields.documents if d.strip()]
    where = " ".join(fields.where.split())
    return Composed(
        {
            "nama_ahli_waris": heir,
            "alamat_ahli_waris": address,
            "nama_almarhum": deceased,
            "tanggal_meninggal": long_date(fields.death_date),
            "kpj": or_dash(kpj),
            **office,
            "berkas": documents or plain_lines(env.sections["berkas"]),
            "tempat_pengurusan": where
            or plain(env.sections["tempat"], env.common_values() | office),
        },
        audit={"worker_id": fields.worker_id},
    )


LETTER = LetterType(SPEC, compose)
