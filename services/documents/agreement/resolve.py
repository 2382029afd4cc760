"""Filling an agreement request's gaps from the settings, the rates and the register."""

from __future__ import annotations

import calendar
from decimal import Decimal

from models.document import PageSize
from models.enums import FundingSource
from services.context import ServiceContext
from services.documents.agreement.params import (
    AgreementParams,
    AgreementRequest,
    KecamatanCount,
    SecondParty,
)
from services.documents.dates_words import add_months
from services.documents.rates import paid_funding_sources, premium_rates
from services.documents.register_reads import counts_on
from services.documents.types import SignatoryItem
from services.errors import Problem, ValidationError
from services.formatting import long_date
from services.permissions import Permission
from services.regions import RegionDirectory
from services.settings_catalog import where
from services.unit_of_work import read_session

MAX_MONTHS = 36
MAX_WORKERS = 10_000_000


def second_party_from_settings(settings: dict[str, str]) -> SecondParty:
    return SecondParty(
        name=settings["bpjs.branch_head_name"].strip(),
        position=settings["bpjs.branch_head_position"].strip(),
        npk=settings["bpjs.branch_head_npk"].strip(),
        decree=settings["bpjs.branch_head_decree"].strip(),
        address=settings["bpjs.branch_address"].strip(),
    )


def resolve(
    ctx: ServiceContext,
    request: AgreementRequest,
    settings: dict[str, str],
    first_party: SignatoryItem,
    page_size_default: PageSize,
) -> AgreementParams:
    principal = ctx.require(Permission.READ_WORKERS)
    problems: list[Problem] = []
    second = request.second_party or second_party_from_settings(settings)
    for field, label in (("name", "Nama"), ("position", "Jabatan")):
        if not getattr(second, field).strip():
            problems.append(
                Problem(
                    f"second_party_{field}",
                    f"second_party.{field}",
                    f"{label} PIHAK KEDUA (kepala kantor cabang BPJS) wajib diisi; isi di "
                    f"formulir atau di {where(f'bpjs.branch_head_{field}')}.",
                )
            )
    months = request.months if request.months is not None else _int(settings, "agreement.months")
    if not 1 <= months <= MAX_MONTHS:
        problems.append(
            Problem("months_range", "months", f"Jangka waktu harus 1 sampai {MAX_MONTHS} bulan.")
        )
    due_day = (
        request.payment_due_day
        if request.payment_due_day is not None
        else _int(settings, "agreement.payment_due_day")
    )
    if not 1 <= due_day <= 28:
        problems.append(
            Problem(
                "due_day_range",
                "payment_due_day",
                "Tanggal jatuh tempo pembayaran harus 1 sampai 28 (ada di setiap bulan).",
            )
        )
    if request.workers is not None and not 0 < request.workers <= MAX_WORKERS:
        problems.append(Problem("workers_range", "workers", "Jumlah peserta harus lebih dari 0."))
    rates = premium_rates(ctx, request.period_start or request.agreement_date)
    jkk = request.jkk_monthly if request.jkk_monthly is not None else rates.jkk
    jkm = request.jkm_monthly if request.jkm_monthly is not None else rates.jkm
    if jkk < 0 or jkm < 0 or jkk + jkm <= 0:
        problems.append(
            Problem("rate_range", "jkk_monthly", "Iuran JKK dan JKM per bulan harus positif.")
        )
    if problems:
        raise ValidationError(problems, record="perjanjian kerja sama")
    count_date = request.count_date or request.agreement_date
    paid = paid_funding_sources(settings)
    regions = RegionDirectory(ctx)
    with read_session(ctx) as session:
        counts = counts_on(session, principal, count_date)
    by_funding: dict[FundingSource, int] = {}
    by_code: dict[str, int] = {}
    for (code, funding), n in counts.items():
        by_funding[funding] = by_funding.get(funding, 0) + n
        if funding in paid:
            by_code[code] = by_code.get(code, 0) + n
    by_kecamatan = [
        KecamatanCount(k.code, k.name, by_code.get(k.code, 0))
        for k in sorted(regions.kecamatan(), key=lambda k: k.code)
    ]
    counted = sum(by_code.values())
    workers = request.workers if request.workers is not None else counted
    if workers <= 0:
        raise ValidationError(
            [
                Problem(
                    "no_workers",
                    "workers",
                    "Belum ada peserta yang dibayar Pemerintah Daerah di register pada "
                    f"{long_date(count_date)}. Isi jumlah peserta secara manual.",
                )
            ],
            record="perjanjian kerja sama",
        )
    start = request.period_start or request.agreement_date.replace(day=1)
    last_month = add_months(start.replace(day=1), months - 1)
    end = last_month.replace(day=calendar.monthrange(last_month.year, last_month.month)[1])
    bases = (
        list(request.legal_bases)
        if request.legal_bases is not None
        else [b for b in settings["agreement.legal_bases"].split("\n") if b.strip()]
    )
    return AgreementParams(
        first_party=first_party,
        first_party_address=settings["agreement.first_party_address"].strip(),
        second_party=second,
        second_party_number=request.second_party_number.strip(),
        agreement_date=request.agreement_date,
        place=request.place.strip() or settings["district.capital"],
        count_date=count_date,
        workers=workers,
        workers_typed=request.workers is not None,
        by_funding=by_funding,
        paid_sources=paid,
        by_kecamatan=by_kecamatan,
        jkk_monthly=Decimal(jkk),
        jkm_monthly=Decimal(jkm),
        months=months,
        period_start=start,
        period_end=end,
        budget_code=(
            request.budget_code
            if request.budget_code is not None
            else settings["agreement.budget_code"]
        ).strip(),
        payment_due_day=due_day,
        court=(request.court or settings["agreement.court"]).strip(),
        legal_bases=[" ".join(b.split()).replace("{tahun}", str(start.year)) for b in bases],
        page_size=request.page_size or page_size_default,
    )


def _int(settings: dict[str, str], key: str) -> int:
    try:
        return int(settings[key].strip())
    except ValueError:
        raise ValidationError(
            [Problem("setting_number", key, f"{where(key)} harus angka bulat.")],
            record="pengaturan",
        ) from None
