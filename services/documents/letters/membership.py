"""Surat keterangan kepesertaan: states that a worker of the register is covered, with the
dates and the funding. A statement (surat keterangan) by Permendagri 1/2023: centred
title and number, "Yang bertanda tangan di bawah ini", no addressee."""

from __future__ import annotations

from models.enums import WorkerStatus
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
from services.documents.letters.fields import MembershipLetter
from services.documents.nip import format_nip
from services.documents.templates import TemplateSpec
from services.errors import Problem
from services.formatting import long_date
from services.labels import FUNDING, GENDER
from services.regions import RegionDirectory
from services.worker_types import WorkerDetail
from services.workers import WorkerService

DEFAULT = """\
[judul]
SURAT KETERANGAN KEPESERTAAN

[isi]
Yang bertanda tangan di bawah ini:
Nama | {nama_penandatangan}
NIP | {nip_penandatangan}
Jabatan | {jabatan_penandatangan}

dengan ini menerangkan dengan sebenarnya bahwa:
Nama | {nama_peserta}
NIK | {nik}
Tempat/tanggal lahir | {tempat_tanggal_lahir}
Jenis kelamin | {jenis_kelamin}
Alamat | {alamat}
Pekerjaan | {pekerjaan}
Nomor KPJ | {kpj}

adalah peserta program Jaminan Kecelakaan Kerja (JKK) dan Jaminan Kematian (JKM) BPJS
Ketenagakerjaan segmen Bukan Penerima Upah yang iurannya dibayarkan melalui {sumber_dana},
dengan masa kepesertaan {masa_kepesertaan}, dan pada tanggal surat ini berstatus {status}.

Surat keterangan ini diberikan untuk {keperluan}.

Demikian surat keterangan ini dibuat dengan sebenarnya untuk dipergunakan sebagaimana
mestinya.

[tembusan]
"""

SPEC = TemplateSpec(
    key="letter.keterangan",
    label="Surat keterangan kepesertaan",
    default=DEFAULT,
    sections=("judul", "isi", "tembusan"),
    placeholders=COMMON_PLACEHOLDERS
    | {
        "nama_penandatangan": "nama pejabat yang menandatangani",
        "nip_penandatangan": "NIP pejabat",
        "jabatan_penandatangan": "jabatan pejabat",
        "nama_peserta": "nama peserta",
        "nik": "NIK peserta",
        "tempat_tanggal_lahir": "mis. Kefamenanu, 12 Juli 1985",
        "jenis_kelamin": "Laki-laki/Perempuan",
        "alamat": "alamat, RT/RW, desa, kecamatan",
        "pekerjaan": "pekerjaan peserta",
        "kpj": "nomor KPJ",
        "sumber_dana": "mis. APBD Kabupaten",
        "masa_kepesertaan": "mis. 7 Juli 2025 sampai dengan 31 Desember 2025",
        "status": "aktif / nonaktif sejak … / meninggal dunia pada …",
        "keperluan": "keperluan surat, diisi petugas",
    },
)


def compose(ctx: ServiceContext, fields: MembershipLetter, env: LetterEnv) -> Composed:
    problems: list[Problem] = []
    purpose = required(problems, fields.purpose, "purpose", "Keperluan surat keterangan")
    refuse(problems, "surat keterangan kepesertaan")
    worker = WorkerService(ctx).get(fields.worker_id)
    if worker.coverage_start is None:
        refuse(
            [
                Problem(
                    "coverage_start_empty",
                    "coverage_start",
                    f"Peserta {worker.full_name} belum memiliki tanggal mulai kepesertaan. "
                    "Lengkapi data peserta (Mulai kepesertaan) lebih dulu.",
                )
            ],
            "surat keterangan kepesertaan",
        )
    signer = env.signatory
    values = {
        "nama_penandatangan": signer.name,
        "nip_penandatangan": format_nip(signer.nip) if signer.nip else "-",
        "jabatan_penandatangan": signer.position,
        "nama_peserta": worker.full_name,
        "nik": worker.nik,
        "tempat_tanggal_lahir": f"{or_dash(worker.birth_place)}, {long_date(worker.birth_date)}",
        "jenis_kelamin": GENDER[worker.gender],
        "alamat": _address(worker, _village_label(ctx, worker)),
        "pekerjaan": worker.occupation_name,
        "kpj": or_dash(worker.kpj),
        "sumber_dana": FUNDING[worker.funding],
        "masa_kepesertaan": _period(worker),
        "status": _status(worker),
        "keperluan": purpose,
    }
    return Composed(values, audit={"worker_id": worker.id})


def _address(w: WorkerDetail, village: str) -> str:
    parts = [w.address or ""]
    if w.rt or w.rw:
        parts.append(f"RT {w.rt or '-'}/RW {w.rw or '-'}")
    parts += [village, f"Kecamatan {w.kecamatan_name}"]
    return ", ".join(p for p in parts if p)


def _village_label(ctx: ServiceContext, w: WorkerDetail) -> str:
    """ "Desa Aplasi" / "Kelurahan Kefamenanu Tengah"."""
    item = RegionDirectory(ctx).get(w.village_code)
    return item.label if item else w.village_name


def _period(w: WorkerDetail) -> str:
    assert w.coverage_start is not None
    if w.coverage_end is None:
        return f"sejak {long_date(w.coverage_start)}"
    return f"{long_date(w.coverage_start)} sampai dengan {long_date(w.coverage_end)}"


def _status(w: WorkerDetail) -> str:
    if w.status is WorkerStatus.ACTIVE:
        return "aktif"
    when = long_date(w.status_date) if w.status_date else None
    if w.status is WorkerStatus.DECEASED:
        return f"meninggal dunia pada tanggal {when}" if when else "meninggal dunia"
    return f"tidak aktif sejak {when}" if when else "tidak aktif"


LETTER = LetterType(SPEC, compose, statement=True)
