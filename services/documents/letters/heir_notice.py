"""Surat pemberitahuan kepada ahli waris: condolences, the right to the JKM benefit, the
documents to bring (the JKM claim list of the domain rules, editable in the template)
and where to bring them."""

from __future__ import annotations

from models.enums import Gender
from services.core.context import ServiceContext
from services.core.errors import Problem, ValidationError
from services.documents.letters.common import (
    COMMON_PLACEHOLDERS,
    Composed,
    LetterEnv,
    LetterType,
    refuse,
    required,
)
from services.documents.letters.fields import HeirNoticeLetter
from services.documents.letters.register_facts import (
    coverage_fact,
    deceased_word,
    gender_of_nik,
    kpj_text,
    long_address,
    payer,
    refuse_uncovered,
    registered_worker,
    same_name,
    short_address,
    village_label,
)
from services.documents.templates import TemplateSpec, plain, plain_lines
from services.text.formatting import long_date
from services.workers.types import HeirDetail

DEFAULT = """\
[hal]
Pemberitahuan Hak atas Manfaat Jaminan Kematian

[kepada]
{sapaan} {nama_ahli_waris}
Ahli waris {almarhum} {nama_almarhum}

[di]
{alamat_ahli_waris}

[isi]
Dengan hormat, kami turut berduka cita atas meninggalnya {nama_almarhum} pada tanggal
{tanggal_meninggal}. {almarhum_kapital} tercatat sebagai peserta program Jaminan Sosial
Ketenagakerjaan (Jaminan Kecelakaan Kerja dan Jaminan Kematian) dengan Nomor KPJ {kpj}, yang
iurannya dibayarkan oleh {pembayar_iuran}. Sebagai ahli waris, {sapaan_panjang} berhak
mengajukan klaim manfaat Jaminan Kematian kepada BPJS Ketenagakerjaan.

Untuk pengajuan klaim tersebut, mohon disiapkan dokumen asli beserta fotokopinya
sebagai berikut:
- {berkas}

Dokumen tersebut mohon dibawa ke {tempat_pengurusan}. Pengurusan klaim tidak dipungut
biaya.

Demikian pemberitahuan ini disampaikan untuk dapat ditindaklanjuti.

[berkas]
Kartu peserta BPJS Ketenagakerjaan {almarhum} (bila ada)
KTP elektronik {almarhum} dan ahli waris
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
        "sapaan": "Sdr. atau Sdri., menurut jenis kelamin ahli waris",
        "sapaan_panjang": "Saudara atau Saudari",
        "almarhum": "almarhum atau almarhumah, menurut jenis kelamin peserta",
        "almarhum_kapital": "Almarhum atau Almarhumah",
        "pembayar_iuran": "yang membayar iuran pada tanggal meninggal, menurut register",
        "berkas": "dokumen yang dibawa (dari bagian [berkas] atau isian petugas)",
        "tempat_pengurusan": "tempat mengurus (dari bagian [tempat] atau isian petugas)",
        "alamat_dinas": "alamat kantor dinas",
    },
)


RECORD = "surat pemberitahuan ahli waris"


def compose(ctx: ServiceContext, fields: HeirNoticeLetter, env: LetterEnv) -> Composed:
    problems: list[Problem] = []
    heir = required(problems, fields.heir_name, "heir_name", "Nama ahli waris")
    address = required(problems, fields.heir_address, "heir_address", "Alamat ahli waris")
    if fields.worker_id is None:
        problems.append(
            Problem(
                "worker_empty",
                "worker_id",
                "Pilih peserta yang meninggal dari register; surat ini hanya untuk peserta "
                "yang terdaftar.",
            )
        )
    if fields.death_date > env.document_date:
        problems.append(
            Problem(
                "death_future", "death_date", "Tanggal meninggal tidak boleh sesudah tanggal surat."
            )
        )
    refuse(problems, RECORD)
    assert fields.worker_id is not None
    worker = registered_worker(ctx, RECORD, worker_id=fields.worker_id)
    fact = coverage_fact(ctx, worker.id, fields.death_date)
    refuse_uncovered(fact, worker, "Tanggal meninggal", "death_date", RECORD)
    heir_gender = _heir_gender(fields, worker.heirs, heir)
    deceased = deceased_word(worker.gender)
    office = {"alamat_dinas": env.settings["office.address"]}
    address_forms = {
        "sapaan": short_address(heir_gender),
        "sapaan_panjang": long_address(heir_gender),
        "almarhum": deceased,
        "almarhum_kapital": deceased.capitalize(),
    }
    documents = [" ".join(d.split()) for d in fields.documents if d.strip()]
    where = " ".join(fields.where.split())
    values: dict[str, str | list[str]] = {
        **env.common_values(),
        "nama_ahli_waris": heir,
        "alamat_ahli_waris": address,
        "nama_almarhum": worker.full_name,
        "tanggal_meninggal": long_date(fields.death_date),
        "kpj": kpj_text(fact, worker),
        "pembayar_iuran": payer(fact.funding, env.settings, village_label(ctx, worker)),
        **office,
        **address_forms,
    }
    values["berkas"] = documents or [
        plain(line, values) for line in plain_lines(env.sections["berkas"])
    ]
    values["tempat_pengurusan"] = where or plain(env.sections["tempat"], values)
    return Composed(values, audit={"worker_id": fields.worker_id})


def _heir_gender(fields: HeirNoticeLetter, heirs: tuple[HeirDetail, ...], name: str) -> Gender:
    """From the typed NIK, else from the register's heir of that name; refused when
    neither tells (the letter would have to write "Sdr./Sdri.")."""
    nik = "".join(ch for ch in fields.heir_nik if ch.isdigit())
    if not nik:
        nik = next((h.nik or "" for h in heirs if same_name(h.full_name, name)), "")
    gender = gender_of_nik(nik)
    if gender is None:
        raise ValidationError(
            [
                Problem(
                    "heir_gender_unknown",
                    "heir_nik",
                    f"Isi NIK ahli waris {name} (16 angka) agar sapaan surat (Sdr./Sdri.) "
                    "sesuai jenis kelaminnya, atau catat ahli waris itu dengan NIK-nya di data "
                    "peserta.",
                )
            ],
            record=RECORD,
        )
    return gender


LETTER = LetterType(SPEC, compose)
