"""What an agreement (Perjanjian Kerja Sama) is made from: the request as typed, and the
parameters once every default (settings, rates, the register) has been filled in."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from models.enums import FundingSource, PageSize
from services.core.errors import Problem
from services.documents.types import SignatoryItem


@dataclass(frozen=True, slots=True)
class SecondParty:
    """PIHAK KEDUA: the head of the BPJS Ketenagakerjaan branch."""

    name: str
    position: str  # "Kepala Kantor Cabang Atambua"
    npk: str  # BPJS staff number
    decree: str  # the appointment decree that gives the authority to sign
    address: str


@dataclass(frozen=True, slots=True)
class AgreementRequest:
    """Typed by the clerk (GUI form or CLI); None means "from the settings or register"."""

    signatory_id: int  # PIHAK PERTAMA: the Bupati, or the Kepala Dinas as budget user
    agreement_date: date
    second_party: SecondParty | None = None
    second_party_number: str = ""  # BPJS's own number for the agreement, when known
    place: str = ""
    count_date: date | None = None  # the register's counts on this day; None: agreement date
    workers: int | None = None  # typed total of paid workers; None: counted
    # None: to the end of the budget year (31 December) the term starts in
    months: int | None = None
    period_start: date | None = None  # None: the agreement's date (it takes effect when signed)
    jkk_monthly: Decimal | None = None
    jkm_monthly: Decimal | None = None
    budget_code: str | None = None  # kode rekening / DPA
    payment_due_day: int | None = None  # the bill is paid by this day of each month
    court: str | None = None  # Pengadilan Negeri for disputes
    legal_bases: tuple[str, ...] | None = None  # None: the template's [dasar_hukum]
    page_size: PageSize | None = None
    replaces_number: str | None = None
    bpjs_account: str | None = None  # None: the setting premium.bpjs_account
    apbd_regulation: str | None = None  # "Nomor 12 Tahun 2024"; None: the setting


@dataclass(frozen=True, slots=True)
class BudgetYear:
    """The part of the term that falls in one budget year (the calendar year, UU 17/2003
    Pasal 4), charged to that year's APBD."""

    year: int
    months: int
    amount: Decimal


@dataclass(frozen=True, slots=True)
class KecamatanCount:
    code: str
    name: str
    workers: int  # paid by the agreement, in the register on the count date


@dataclass(frozen=True, slots=True)
class AgreementParams:
    """Everything the agreement prints, resolved and checked."""

    first_party: SignatoryItem
    first_party_address: str
    second_party: SecondParty
    second_party_number: str
    agreement_date: date
    place: str
    count_date: date
    workers: int
    workers_typed: bool
    by_funding: dict[FundingSource, int]  # the register on the count date, every source
    paid_sources: list[FundingSource]
    by_kecamatan: list[KecamatanCount]  # every kecamatan of the kabupaten, zeros included
    jkk_monthly: Decimal
    jkm_monthly: Decimal
    months: int
    period_start: date
    period_end: date
    budget_code: str
    payment_due_day: int
    court: str
    legal_bases: list[str]  # as typed or from the template; placeholders not yet filled
    page_size: PageSize
    budget_years: list[BudgetYear]
    bpjs_account: str
    apbd_regulation: str  # the number of the first budget year's APBD regulation
    reported_income: Decimal  # the income band the premium is computed on
    # What must be filled before a number is given (the preview marks them).
    missing: list[Problem]

    @property
    def premium_per_worker(self) -> Decimal:
        return self.jkk_monthly + self.jkm_monthly

    @property
    def monthly_value(self) -> Decimal:
        return self.premium_per_worker * self.workers

    @property
    def total_value(self) -> Decimal:
        return sum((y.amount for y in self.budget_years), Decimal(0))

    @property
    def multi_year(self) -> bool:
        return len(self.budget_years) > 1

    @property
    def register_workers(self) -> int:
        return sum(k.workers for k in self.by_kecamatan)
