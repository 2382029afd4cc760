"""Filling an agreement request's gaps from the settings, the rates and the register."""

from __future__ import annotations

import calendar
from datetime import date
from decimal import Decimal

from models.enums import FundingSource, PageSize
from services.core.context import ServiceContext
from services.core.errors import Problem, ValidationError
from services.core.permissions import Permission
from services.core.unit_of_work import read_session
from services.documents.agreement.params import (
    AgreementParams,
    AgreementRequest,
    BudgetYear,
    KecamatanCount,
    SecondParty,
)
from services.documents.agreement.particulars import (
    annex_problem,
    budget_problems,
    party_problems,
)
from services.documents.agreement.template import SPEC
from services.documents.dates_words import month_start_after
from services.documents.rates import paid_funding_sources, premium_rates
from services.documents.register_reads import counts_on
from services.documents.templates import checked_sections
from services.documents.types import SignatoryItem
from services.settings.catalog import where
from services.text.formatting import long_date
from services.workers.regions import RegionDirectory

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
    if not second.position.strip():
        problems.append(
            Problem(
                "second_party_position",
                "second_party.position",
                "Jabatan PIHAK KEDUA (kepala kantor cabang BPJS) wajib diisi; isi di formulir "
                f"atau di {where('bpjs.branch_head_position')}.",
            )
        )
    months = request.months if request.months is not None else _months_setting(settings)
    if months is not None and not 1 <= months <= MAX_MONTHS:
        problems.append(
            Problem("months_range", "months", f"Jangka waktu harus 1 sampai {MAX_MONTHS} bulan.")
        )
    start = request.period_start or request.agreement_date
    if start < request.agreement_date:
        problems.append(
            Problem(
                "period_before_signing",
                "period_start",
                f"Masa perjanjian tidak dapat mulai ({long_date(start)}) sebelum perjanjian "
                f"ditandatangani ({long_date(request.agreement_date)}): perjanjian mulai berlaku "
                "sejak tanggal yang sama dengan awal masanya. Kosongkan awal masa atau pilih "
                "tanggal penandatanganan atau sesudahnya.",
            )
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
    rates = premium_rates(ctx, start)
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
                    f"{long_date(count_date)}. Periksa tanggal hitungan atau data kepesertaan "
                    "di register.",
                )
            ],
            record="perjanjian kerja sama",
        )
    end = term_end(start, months)
    per_worker = Decimal(jkk) + Decimal(jkm)
    years = budget_years(start, end, per_worker * workers)
    bases = (
        list(request.legal_bases) if request.legal_bases is not None else template_legal_bases(ctx)
    )
    budget_code = (
        request.budget_code
        if request.budget_code is not None
        else settings["agreement.budget_code"]
    ).strip()
    account = (
        request.bpjs_account
        if request.bpjs_account is not None
        else settings["premium.bpjs_account"]
    ).strip()
    regulation = (
        request.apbd_regulation
        if request.apbd_regulation is not None
        else settings["agreement.apbd_regulation_number"]
    ).strip()
    second_number = request.second_party_number.strip()
    missing = party_problems(first_party, second, second_number)
    missing += budget_problems(budget_code, regulation, account, start.year)
    if request.workers is not None and request.workers != counted:
        missing.append(annex_problem(request.workers, counted, count_date, paid))
    return AgreementParams(
        first_party=first_party,
        first_party_address=first_party_address(first_party, settings),
        second_party=second,
        second_party_number=second_number,
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
        months=sum(y.months for y in years),
        period_start=start,
        period_end=end,
        budget_code=budget_code,
        payment_due_day=due_day,
        court=(request.court or settings["agreement.court"]).strip(),
        legal_bases=[" ".join(b.split()) for b in bases if b.strip()],
        page_size=request.page_size or page_size_default,
        budget_years=years,
        bpjs_account=account,
        apbd_regulation=regulation,
        reported_income=Decimal(_int(settings, "claims.default_reported_income")),
        missing=missing,
    )


def term_end(start: date, months: int | None) -> date:
    """The last day of the term: 31 December of the start's budget year by default (one
    budget year), else the last day of the ``months``-th calendar month from the start's."""
    if months is None:
        return date(start.year, 12, 31)
    last_month = month_start_after(start.replace(day=1), months - 1)
    return last_month.replace(day=calendar.monthrange(last_month.year, last_month.month)[1])


def budget_years(start: date, end: date, monthly: Decimal) -> list[BudgetYear]:
    """The term cut at each 31 December: each budget year's months and amount."""
    years: list[BudgetYear] = []
    for year in range(start.year, end.year + 1):
        first = start.month if year == start.year else 1
        last = end.month if year == end.year else 12
        months = last - first + 1
        years.append(BudgetYear(year, months, monthly * months))
    return years


def first_party_address(first: SignatoryItem, settings: dict[str, str]) -> str:
    """The regional head at the Kantor Bupati; a Kepala Dinas at his own office."""
    if first.office_address:
        return first.office_address
    if first.regional_head:
        return settings["agreement.first_party_address"].strip()
    return f"Kantor {settings['office.name']}, {settings['office.address']}".strip(", ")


def template_legal_bases(ctx: ServiceContext) -> list[str]:
    """The legal bases of the agreement template in force, one per entry, placeholders kept."""
    section = checked_sections(ctx, SPEC)["dasar_hukum"]
    entries: list[list[str]] = []
    for raw in section.split("\n"):
        line = raw.strip()
        if not line:
            continue
        if line.startswith("- ") or not entries:
            entries.append([line.removeprefix("- ").strip()])
        else:
            entries[-1].append(line)
    return [" ".join(parts) for parts in entries]


def _months_setting(settings: dict[str, str]) -> int | None:
    """agreement.months: empty means one budget year (to 31 December)."""
    if not settings["agreement.months"].strip():
        return None
    return _int(settings, "agreement.months")


def _int(settings: dict[str, str], key: str) -> int:
    try:
        return int(settings[key].strip())
    except ValueError:
        raise ValidationError(
            [Problem("setting_number", key, f"{where(key)} harus angka bulat.")],
            record="pengaturan",
        ) from None
