"""Surat permohonan/rekomendasi klaim: the office's covering letter for a JKM claim by
an heir or a JKK claim, with the participant's particulars from the register (as of the
event's day), the claimant's as typed, and the list of enclosed documents (counted in the
header's Lampiran). Refused for a NIK not in the register, a name that is not the NIK's,
and an event on a day the worker was not covered (before coverage began, after it ended).
A letter bearing a claim's id must agree with that claim: its worker, programme and day,
a claimant on it, documents it has received (services/claims/letter_parties.py)."""

from __future__ import annotations

from models.enums import ClaimType
from services.claims.letter_parties import claim_letter_facts
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
    same_name,
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
_PROGRAMME_OF = {ClaimType.JKM: ClaimProgramme.JKM, ClaimType.JKK: ClaimProgramme.JKK}

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
    if fields.claim_id is not None:
        refuse(_off_the_claim(ctx, fields, worker.id, documents), RECORD)
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


def _off_the_claim(
    ctx: ServiceContext, fields: ClaimLetter, worker_id: int, documents: list[str]
) -> list[Problem]:
    """A letter naming a claim states that claim's facts: its worker, programme and day,
    a claimant who is on it (an heir, or the injured worker), documents it has received.
    The screens fill these from the claim; this holds for every caller alike."""
    claim_id = fields.claim_id
    assert claim_id is not None
    facts = claim_letter_facts(ctx, claim_id)
    where = f"klaim #{claim_id}"
    if facts is None:
        return [
            Problem(
                "claim_unknown",
                "claim_id",
                f"Klaim #{claim_id} tidak ditemukan (atau di luar kecamatan Anda). "
                "Buat surat dari berkas klaim yang ada.",
            )
        ]
    problems: list[Problem] = []
    if facts.worker_id != worker_id:
        problems.append(
            Problem(
                "claim_other_worker",
                "worker_nik",
                f"Peserta pada surat ini bukan peserta {where}. Buat surat dari berkas klaimnya.",
            )
        )
    if _PROGRAMME_OF[facts.claim_type] is not fields.programme:
        problems.append(
            Problem(
                "claim_other_programme",
                "programme",
                f"Program surat ini tidak sama dengan jenis {where}; pilih "
                f"{PROGRAMMES[_PROGRAMME_OF[facts.claim_type]][0]}.",
            )
        )
    if facts.event_date != fields.event_date:
        problems.append(
            Problem(
                "claim_other_date",
                "event_date",
                f"Tanggal peristiwa tidak sama dengan yang tercatat pada {where} "
                f"({long_date(facts.event_date)}).",
            )
        )
    nik = " ".join(fields.claimant_nik.split())
    if not any(
        same_name(fields.claimant_name, p.name)
        and (not nik or nik == p.nik)
        and same_name(fields.claimant_relation, p.relation)
        for p in facts.parties
    ):
        problems.append(
            Problem(
                "claimant_not_on_claim",
                "claimant_name",
                f"Pemohon {fields.claimant_name} ({fields.claimant_relation}) tidak tercatat "
                f"sebagai ahli waris pada {where}, atau NIK/hubungannya berbeda. Pilih pemohon "
                "dari ahli waris klaim itu; bila belum ada, tambahkan di tab Ahli waris klaimnya.",
            )
        )
    received = {" ".join(label.split()).casefold() for label in facts.received}
    missing = [d for d in documents if d.casefold() not in received]
    if missing:
        problems.append(
            Problem(
                "document_not_received",
                "documents",
                f"Berkas belum tercatat diterima pada {where}: {'; '.join(missing)}. Centang "
                "di tab Dokumen klaimnya bila sudah diterima, atau hapus dari daftar.",
            )
        )
    return problems


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
