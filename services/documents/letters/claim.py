"""Surat permohonan/rekomendasi klaim: the office's covering letter for a JKM claim by
an heir or a JKK claim, with the participant's particulars from the register (as of the
event's day), the claimant's as typed, and the list of enclosed documents (counted in the
header's Lampiran). Refused for a NIK not in the register, a name that is not the NIK's,
and an event on a day the worker was not covered (before coverage began, after it ended)."""

from __future__ import annotations

from services.core.context import ServiceContext
from services.core.errors import Problem
from services.documents.letters.common import (
    COMMON_PLACEHOLDERS,
    Composed,
    LetterEnv,
    LetterType,
    refuse,
    required,
)
from services.documents.letters.fields import ClaimLetter, ClaimProgramme
from services.documents.letters.register_facts import (
    coverage_fact,
    full_address,
    kpj_text,
    payer,
    refuse_other_name,
    refuse_uncovered,
    registered_worker,
    village_label,
)
from services.documents.templates import TemplateSpec
from services.text.formatting import long_date
from services.text.money import number_with_words
from services.workers.nik import validate_nik

PROGRAMMES = {
    ClaimProgramme.JKM: ("JKM", "Jaminan Kematian (JKM)", "Tanggal meninggal"),
    ClaimProgramme.JKK: ("JKK", "Jaminan Kecelakaan Kerja (JKK)", "Tanggal kecelakaan"),
}

DEFAULT = """\
[hal]
Permohonan Pembayaran Klaim {program} a.n. {nama_peserta}

[kepada]
Kepala {cabang_bpjs}

[di]
{kota_cabang}

[isi]
Bersama ini kami sampaikan dengan hormat permohonan pembayaran klaim {program_lengkap}
bagi peserta pekerja rentan yang iurannya dibayarkan oleh {pembayar_iuran}, dengan data
sebagai berikut:
Nama peserta | {nama_peserta}
NIK | {nik_peserta}
Nomor KPJ | {kpj}
Pekerjaan | {pekerjaan}
Alamat | {alamat_peserta}
{label_tanggal} | {tanggal_peristiwa}
Keterangan | {keterangan_peristiwa}
Nama pemohon | {nama_pemohon}
Hubungan dengan peserta | {hubungan_pemohon}
NIK pemohon | {nik_pemohon}
Alamat pemohon | {alamat_pemohon}
Nomor telepon | {telepon_pemohon}

Berdasarkan data pada {dinas} {kabupaten}, yang bersangkutan tercatat sebagai peserta
pekerja rentan. Sehubungan dengan hal tersebut, kami merekomendasikan agar klaim dimaksud
dapat diproses sesuai dengan ketentuan peraturan perundang-undangan. Sebagai kelengkapan,
bersama ini kami lampirkan {jumlah_berkas} berkas persyaratan sebagai berikut:
- {berkas}

Demikian permohonan ini disampaikan, atas perhatian dan kerja samanya diucapkan terima kasih.

[tembusan]
{bupati} (sebagai laporan)
"""

SPEC = TemplateSpec(
    key="letter.klaim",
    label="Surat permohonan/rekomendasi klaim",
    default=DEFAULT,
    sections=("hal", "kepada", "di", "isi", "tembusan"),
    placeholders=COMMON_PLACEHOLDERS
    | {
        "program": "JKM atau JKK",
        "pembayar_iuran": "yang membayar iuran pada tanggal peristiwa, menurut register",
        "program_lengkap": "Jaminan Kematian (JKM) / Jaminan Kecelakaan Kerja (JKK)",
        "nama_peserta": "nama peserta",
        "nik_peserta": "NIK peserta",
        "kpj": "nomor KPJ peserta",
        "pekerjaan": "pekerjaan peserta",
        "alamat_peserta": "alamat peserta",
        "label_tanggal": "Tanggal meninggal / Tanggal kecelakaan",
        "tanggal_peristiwa": "tanggal meninggal atau kecelakaan",
        "keterangan_peristiwa": "sebab meninggal atau kronologi singkat",
        "nama_pemohon": "nama ahli waris/pemohon",
        "hubungan_pemohon": "hubungan pemohon dengan peserta",
        "nik_pemohon": "NIK pemohon",
        "alamat_pemohon": "alamat pemohon",
        "telepon_pemohon": "nomor telepon pemohon",
        "jumlah_berkas": "jumlah berkas terlampir, mis. 7 (tujuh)",
        "berkas": "daftar berkas terlampir (satu butir per berkas)",
    },
)


RECORD = "surat permohonan klaim"


def compose(ctx: ServiceContext, fields: ClaimLetter, env: LetterEnv) -> Composed:
    """The participant comes from the register (NIK → name, KPJ, occupation, address,
    payer on the event's day); the claimant and the enclosed file are typed."""
    problems: list[Problem] = []
    claimant = required(problems, fields.claimant_name, "claimant_name", "Nama pemohon")
    relation = required(
        problems, fields.claimant_relation, "claimant_relation", "Hubungan pemohon dengan peserta"
    )
    worker_nik = ""
    if fields.worker_id is None:
        worker_nik = _nik(problems, fields.worker_nik, "worker_nik", "NIK peserta", needed=True)
    claimant_nik = _nik(problems, fields.claimant_nik, "claimant_nik", "NIK pemohon")
    if fields.event_date > env.document_date:
        problems.append(
            Problem(
                "event_future",
                "event_date",
                "Tanggal meninggal/kecelakaan tidak boleh sesudah tanggal surat.",
            )
        )
    documents = [" ".join(d.split()) for d in fields.documents if d.strip()]
    if not documents:
        problems.append(
            Problem("documents_empty", "documents", "Sebutkan berkas persyaratan yang dilampirkan.")
        )
    refuse(problems, RECORD)
    worker = registered_worker(ctx, RECORD, worker_nik, fields.worker_id)
    refuse_other_name(fields.worker_name, worker, "worker_name", RECORD)
    short, full, date_label = PROGRAMMES[fields.programme]
    event = "Tanggal meninggal" if fields.programme is ClaimProgramme.JKM else "Tanggal kecelakaan"
    fact = coverage_fact(ctx, worker.id, fields.event_date)
    refuse_uncovered(fact, worker, event, "event_date", RECORD)
    values = {
        "program": short,
        "program_lengkap": full,
        "pembayar_iuran": payer(fact.funding, env.settings, village_label(ctx, worker)),
        "nama_peserta": worker.full_name,
        "nik_peserta": worker.nik,
        "kpj": kpj_text(fact, worker),
        "pekerjaan": worker.occupation_name,
        "alamat_peserta": full_address(ctx, worker),
        "label_tanggal": date_label,
        "tanggal_peristiwa": long_date(fields.event_date),
        # Empty when nothing was recorded: the template leaves the row out (a bare "-"
        # would read as if the cause were known to be nothing).
        "keterangan_peristiwa": " ".join(fields.event_description.split()),
        "nama_pemohon": claimant,
        "hubungan_pemohon": relation,
        # Likewise: "NIK pemohon : -" would read as a statement that there is none.
        "nik_pemohon": claimant_nik,
        "alamat_pemohon": " ".join(fields.claimant_address.split()),
        "telepon_pemohon": " ".join(fields.claimant_phone.split()),
        "jumlah_berkas": number_with_words(len(documents)),
        "berkas": documents,
    }
    return Composed(
        values,
        # The header's Lampiran counts what the body lists.
        enclosure=number_with_words(len(documents), "berkas"),
        audit={"worker_id": worker.id, "claim_id": fields.claim_id},
    )


def _nik(problems: list[Problem], raw: str, field: str, label: str, needed: bool = False) -> str:
    if not raw.strip():
        if needed:
            problems.append(Problem(f"{field}_empty", field, f"{label} wajib diisi."))
        return ""
    checked = validate_nik(raw, field=field, home_kabupaten=None)
    problems += [
        Problem(p.code, field, f"{label}: {p.text}") for p in checked.problems if p.is_error
    ]
    return checked.value or ""


LETTER = LetterType(SPEC, compose)
