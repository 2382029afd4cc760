"""Surat keterangan kepesertaan: states that a worker of the register is covered, with the
dates and the funding. A statement (surat keterangan) by Permendagri 1/2023: centred
title and number, "Yang bertanda tangan di bawah ini", no addressee."""

from __future__ import annotations

from datetime import date, timedelta

from models.enums import WorkerStatus
from services.core.context import ServiceContext
from services.core.errors import Problem
from services.core.unit_of_work import read_session
from services.coverage_history import CoverageFact, PeriodInfo, periods_of
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
from services.documents.letters.register_facts import (
    coverage_fact,
    full_address,
    funding_source,
    registered_worker,
    village_label,
)
from services.documents.nip import format_nip
from services.documents.templates import TemplateSpec
from services.text.formatting import long_date
from services.text.labels import GENDER

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

tercatat sebagai peserta program Jaminan Kecelakaan Kerja (JKK) dan Jaminan Kematian (JKM)
BPJS Ketenagakerjaan segmen Bukan Penerima Upah yang iurannya dibayarkan melalui
{sumber_dana}, dengan masa kepesertaan {masa_kepesertaan}, dan pada tanggal surat ini
{status}.

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
        "sumber_dana": "mis. APBD Kabupaten Timor Tengah Utara, Dana Desa Humusu Wini (pada "
        "tanggal surat, atau pada masa terakhir)",
        "masa_kepesertaan": "mis. 7 Juli 2025 sampai dengan 31 Desember 2025",
        "status": "berstatus aktif dan terlindungi / tidak terlindungi sejak … karena …",
        "keperluan": "keperluan surat, diisi petugas",
    },
)


RECORD = "surat keterangan kepesertaan"


def compose(ctx: ServiceContext, fields: MembershipLetter, env: LetterEnv) -> Composed:
    """Everything as of the letter's date, from the coverage history: the covering period
    (or the last one before), its funding and KPJ, and the status that day."""
    problems: list[Problem] = []
    purpose = required(problems, fields.purpose, "purpose", "Keperluan surat keterangan")
    refuse(problems, RECORD)
    worker = registered_worker(ctx, RECORD, worker_id=fields.worker_id)
    fact = coverage_fact(ctx, worker.id, env.document_date)
    period = _period_on(ctx, worker.id, env.document_date)
    if period is None:
        refuse(
            [
                Problem(
                    "coverage_start_empty",
                    "coverage_start",
                    f"Peserta {worker.full_name} belum pernah terlindungi sampai "
                    f"{long_date(env.document_date)} (belum ada periode kepesertaan yang "
                    "dimulai). Lengkapi data kepesertaan peserta lebih dulu.",
                )
            ],
            RECORD,
        )
    assert period is not None
    kpj = fact.kpj or period.kpj or worker.kpj
    if not kpj:
        refuse(
            [
                Problem(
                    "kpj_empty",
                    "kpj",
                    f"Peserta {worker.full_name} belum memiliki Nomor KPJ di register: BPJS "
                    "Ketenagakerjaan belum mendaftarkannya. Surat keterangan kepesertaan dapat "
                    "dibuat setelah KPJ dicatat.",
                )
            ],
            RECORD,
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
        "alamat": full_address(ctx, worker),
        "pekerjaan": worker.occupation_name,
        "kpj": kpj or "",
        "sumber_dana": funding_source(
            fact.funding or period.funding, env.settings, village_label(ctx, worker)
        ),
        "masa_kepesertaan": _period_text(period),
        "status": _status(fact),
        "keperluan": purpose,
    }
    return Composed(values, audit={"worker_id": worker.id})


def _period_on(ctx: ServiceContext, worker_id: int, day: date) -> PeriodInfo | None:
    """The period covering ``day``, else the last one that began by then."""
    with read_session(ctx) as session:
        history = [p for p in periods_of(session, worker_id) if not p.empty]
    begun = [p for p in history if p.start_date <= day]
    covering = [p for p in begun if p.covers(day)]
    found = covering or begun
    return found[-1] if found else None


def _period_text(p: PeriodInfo) -> str:
    if p.end_date is None:
        return f"sejak {long_date(p.start_date)}"
    return f"{long_date(p.start_date)} sampai dengan {long_date(p.end_date)}"


def _status(fact: CoverageFact) -> str:
    """ "aktif" only when covered on the letter's date; otherwise the cause that came
    first: a coverage that had already ended before the worker was deactivated or died
    ended by itself, and the later status is said as what it is, not as the cause."""
    if fact.covered:
        return "berstatus aktif dan terlindungi"
    ended = f" sejak {long_date(fact.last_end + timedelta(days=1))}" if fact.last_end else ""
    since = fact.status_since
    # A status change cuts the period covering its day on that day: last_end == since.
    ended_first = fact.last_end is not None and since is not None and fact.last_end < since
    if fact.status is WorkerStatus.DECEASED:
        died = f" pada tanggal {long_date(since)}" if since else ""
        if ended_first:
            return (
                f"tidak terlindungi karena masa kepesertaannya telah berakhir{ended}, "
                f"dan yang bersangkutan telah meninggal dunia{died}"
            )
        return f"tidak terlindungi karena telah meninggal dunia{died}"
    if fact.status is WorkerStatus.INACTIVE:
        inactive = f" sejak {long_date(since)}" if since else ""
        if ended_first:
            return (
                f"tidak terlindungi karena masa kepesertaannya telah berakhir{ended}, "
                f"dan berstatus tidak aktif{inactive}"
            )
        return f"tidak terlindungi karena berstatus tidak aktif{inactive}"
    return f"tidak terlindungi karena masa kepesertaannya telah berakhir{ended}"


LETTER = LetterType(SPEC, compose, statement=True)
