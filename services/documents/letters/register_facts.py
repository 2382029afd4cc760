"""What a letter about a worker takes from the register: the worker (by NIK or id, never a
typed name), and their coverage, funding, status and KPJ as of a day, from the coverage
history's one answer (``services.coverage_history.coverage_on``); and the Indonesian
forms of address that follow the register's sex."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from models import Worker
from models.enums import FundingSource, Gender
from services.core.context import ServiceContext
from services.core.errors import Problem, ValidationError
from services.core.permissions import Permission
from services.core.unit_of_work import read_session
from services.coverage_history import CoverageFact, coverage_on
from services.text.formatting import long_date
from services.workers.nik import decode_nik
from services.workers.regions import RegionDirectory
from services.workers.service import WorkerService
from services.workers.types import WorkerDetail


def registered_worker(
    ctx: ServiceContext, record: str, nik: str = "", worker_id: int | None = None
) -> WorkerDetail:
    """The worker of the register with this NIK (or id); refused when there is none: a
    letter certifies only what the register holds."""
    principal = ctx.require(Permission.READ_WORKERS)
    if worker_id is None:
        limit = (
            [Worker.kecamatan_code.in_(sorted(principal.kecamatan_codes))]
            if principal.kecamatan_codes
            else []
        )
        with read_session(ctx) as session:
            worker_id = session.scalar(select(Worker.id).where(Worker.nik == nik, *limit))
        if worker_id is None:
            raise ValidationError(
                [
                    Problem(
                        "worker_not_registered",
                        "worker_nik",
                        f"NIK {nik} tidak terdaftar di register peserta pekerja rentan. Surat "
                        "tentang peserta hanya dapat dibuat untuk peserta yang terdaftar; "
                        "periksa NIK-nya atau daftarkan pesertanya lebih dulu.",
                    )
                ],
                record=record,
            )
    return WorkerService(ctx).get(worker_id)


def same_name(typed: str, registered: str) -> bool:
    return " ".join(typed.split()).casefold() == " ".join(registered.split()).casefold()


def refuse_other_name(typed: str, worker: WorkerDetail, field: str, record: str) -> None:
    """A typed name must be the register's name of that NIK."""
    if typed.strip() and not same_name(typed, worker.full_name):
        raise ValidationError(
            [
                Problem(
                    "worker_name_mismatch",
                    field,
                    f"Nama '{' '.join(typed.split())}' tidak sama dengan nama pemilik NIK "
                    f"{worker.nik} di register ({worker.full_name}). Periksa NIK-nya; nama "
                    "diambil dari register.",
                )
            ],
            record=record,
        )


def coverage_fact(ctx: ServiceContext, worker_id: int, day: date) -> CoverageFact:
    ctx.require(Permission.READ_WORKERS)
    with read_session(ctx) as session:
        return coverage_on(session, worker_id, day)


def refuse_uncovered(
    fact: CoverageFact, worker: WorkerDetail, event: str, field: str, record: str
) -> None:
    """The worker must be covered on the event's day (a death, an accident)."""
    if fact.covered:
        return
    day = long_date(fact.day)
    if fact.next_start is not None and (fact.last_end is None or not fact.has_periods):
        why = (
            f"{event} ({day}) sebelum kepesertaan {worker.full_name} dimulai "
            f"({long_date(fact.next_start)})"
        )
    else:
        why = f"{worker.full_name} tidak terlindungi pada {event.lower()} ({day}): {fact.reason}"
    raise ValidationError(
        [
            Problem(
                "not_covered_on_event",
                field,
                f"{why.rstrip('.')}. Surat ini hanya untuk peserta yang terlindungi pada "
                "tanggal tersebut; periksa tanggalnya atau riwayat kepesertaan peserta.",
            )
        ],
        record=record,
    )


def payer(funding: FundingSource | None, settings: dict[str, str], village: str) -> str:
    """Who pays the premiums, as a letter names them."""
    if funding is FundingSource.APBD_PROVINSI:
        return f"Pemerintah Provinsi {settings['district.province_name']}"
    if funding is FundingSource.DANA_DESA:
        return f"Pemerintah {village} melalui Dana Desa"
    if funding is FundingSource.MANDIRI:
        return "peserta sendiri (mandiri)"
    return f"Pemerintah {settings['district.kabupaten_name']}"


def funding_source(funding: FundingSource, settings: dict[str, str], village: str) -> str:
    """What premiums are paid "melalui", naming whose budget: "APBD Kabupaten Timor
    Tengah Utara", "APBD Provinsi Nusa Tenggara Timur", "Dana Desa Humusu Wini"; a
    worker who pays alone is said so ("melalui Mandiri" said nothing)."""
    if funding is FundingSource.APBD_PROVINSI:
        return f"APBD Provinsi {settings['district.province_name']}"
    if funding is FundingSource.DANA_DESA:
        name = village.removeprefix("Desa ")
        return f"Dana Desa {name}" if name != village else f"Dana Desa ({village})"
    if funding is FundingSource.MANDIRI:
        return "pembayaran mandiri oleh peserta sendiri"
    return f"APBD {settings['district.kabupaten_name']}"


def village_label(ctx: ServiceContext, worker: WorkerDetail) -> str:
    """ "Desa Aplasi" / "Kelurahan Kefamenanu Tengah"."""
    item = RegionDirectory(ctx).get(worker.village_code)
    return item.label if item else worker.village_name


def full_address(ctx: ServiceContext, worker: WorkerDetail) -> str:
    parts = [worker.address or ""]
    if worker.rt or worker.rw:
        parts.append(f"RT {worker.rt or '-'}/RW {worker.rw or '-'}")
    parts += [village_label(ctx, worker), f"Kecamatan {worker.kecamatan_name}"]
    return ", ".join(p for p in parts if p)


def kpj_text(fact: CoverageFact, worker: WorkerDetail) -> str:
    """The KPJ on the day; when BPJS has not issued one yet, said so (never "-")."""
    return fact.kpj or worker.kpj or "belum diterbitkan BPJS Ketenagakerjaan"


# -- forms of address ---------------------------------------------------------------


def gender_of_nik(nik: str) -> Gender | None:
    parts = decode_nik(nik) if nik else None
    if parts is None:
        return None
    return Gender.FEMALE if parts.gender == "P" else Gender.MALE


def deceased_word(gender: Gender) -> str:
    """ "almarhum" for a man, "almarhumah" for a woman."""
    return "almarhumah" if gender is Gender.FEMALE else "almarhum"


def short_address(gender: Gender) -> str:
    """ "Sdr." / "Sdri." before a name."""
    return "Sdri." if gender is Gender.FEMALE else "Sdr."


def long_address(gender: Gender) -> str:
    """ "Saudara" / "Saudari" in running text."""
    return "Saudari" if gender is Gender.FEMALE else "Saudara"
