"""The benefit estimate, from the editable benefit table (claim_benefit_rate) valid on the
event date. Pure rules: the service loads the rows and the facts.

A row applies when its ``condition`` is one of the claim's conditions:

- ``jkm_penuh``: a JKM claim after the first months of membership
- ``jkm_awal``: a JKM claim within them (claims.jkm_reduced_months)
- ``jkk``: every JKK claim the worker survives (care, temporary incapacity, transport);
  a fatal one lists only the death lines that make its total
- ``jkk_meninggal``, ``jkk_cacat_total``, ``jkk_cacat_sebagian``: by the JKK outcome
- ``beasiswa``: once per child put up for the scholarship, matched on education level

A row marked ``funeral`` is the funeral cost: with no entitled heir and someone recorded
as having arranged the funeral, it is the only line paid (to them).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from models.enums import BenefitBasis, ClaimType, EducationLevel, JkkOutcome
from services.claims.eligibility import add_months
from services.claims.labels import EDUCATION_LEVEL
from services.claims.rules import ClaimRules
from services.claims.types import BenefitEstimate, BenefitLine, RateRow
from services.text.figures import rupiah_whole
from services.text.labels import BENEFIT_CONDITIONS

# The condition codes and their words live with the labels, which the command line's
# parsers read without loading the claims.
CONDITIONS = BENEFIT_CONDITIONS
SCHOLARSHIP = "beasiswa"
_OUTCOME_CONDITIONS = {
    JkkOutcome.DEATH: "jkk_meninggal",
    JkkOutcome.TOTAL_DISABILITY: "jkk_cacat_total",
    JkkOutcome.PARTIAL_DISABILITY: "jkk_cacat_sebagian",
}


@dataclass(frozen=True, slots=True)
class Child:
    full_name: str
    education_level: EducationLevel
    birth_date: date | None


@dataclass(frozen=True, slots=True)
class BenefitFacts:
    claim_type: ClaimType
    event_date: date
    jkk_outcome: JkkOutcome | None
    reduced: bool
    scholarship_open: bool
    reported_income: int
    disability_percent: int | None
    children: tuple[Child, ...]  # children with an education level, eldest first
    # A JKK total permanent disability that may open the children's scholarship (a death
    # always may: claims.jkk_scholarship_total_disability).
    scholarship_case: bool = False
    # A death with no entitled heir, the funeral arranged by someone recorded on the claim.
    funeral_only: bool = False


NO_HEIR_NOTE = (
    "Tidak ada ahli waris yang berhak: hanya biaya pemakaman yang dibayar, kepada yang "
    "tercatat mengurus pemakaman (PP 46/2015 Pasal 26 ayat (5))."
)


def conditions_of(facts: BenefitFacts) -> set[str]:
    if facts.claim_type is ClaimType.JKM:
        return {"jkm_awal" if facts.reduced else "jkm_penuh"}
    if facts.jkk_outcome is JkkOutcome.DEATH:
        # Care, incapacity and transport before the death are not part of its total.
        return {"jkk_meninggal"}
    outcome = _OUTCOME_CONDITIONS.get(facts.jkk_outcome) if facts.jkk_outcome else None
    return {"jkk", outcome} if outcome else {"jkk"}


def valid_on(rates: Sequence[RateRow], day: date) -> list[RateRow]:
    return sorted(
        (r for r in rates if r.valid_from <= day and (r.valid_to is None or day <= r.valid_to)),
        key=lambda r: r.sort_order,
    )


def estimate(rates: Sequence[RateRow], facts: BenefitFacts, rules: ClaimRules) -> BenefitEstimate:
    rows = valid_on(rates, facts.event_date)
    conditions = conditions_of(facts)
    chosen = [r for r in rows if r.condition in conditions]
    notes: list[str] = []
    if facts.funeral_only:
        chosen = [r for r in chosen if r.funeral]
        notes.append(NO_HEIR_NOTE)
    lines = [_line(r, facts) for r in chosen]
    death = facts.claim_type is ClaimType.JKM or facts.jkk_outcome is JkkOutcome.DEATH
    case = death or facts.scholarship_case
    if case and facts.children and not facts.funeral_only:
        lines += _scholarship_lines(rows, facts, rules, notes)
    if not lines:
        notes.append(
            f"Tabel manfaat tidak memuat baris yang berlaku pada tanggal kejadian "
            f"({facts.event_date:%d-%m-%Y}); periksa tabel manfaat di Klaim → Tabel referensi."
        )
    total = sum(line.amount or 0 for line in lines if line.counted)
    return BenefitEstimate(
        lines=tuple(lines), total=total, rates_date=facts.event_date, notes=tuple(notes)
    )


def _line(rate: RateRow, facts: BenefitFacts) -> BenefitLine:
    income = facts.reported_income
    if rate.basis is BenefitBasis.FIXED:
        return _make(rate, rate.amount, True, "jumlah tetap")
    if rate.basis is BenefitBasis.INCOME_MULTIPLE:
        return _income_multiple(rate, facts)
    if rate.basis is BenefitBasis.MONTHLY_INCOME:
        monthly = (rate.multiplier or 0) * income
        return _make(
            rate, monthly, False, f"{rupiah_whole(monthly)} per bulan selama tidak bekerja"
        )
    if rate.basis is BenefitBasis.CEILING:
        return _make(
            rate,
            rate.amount,
            False,
            f"sesuai biaya, paling banyak {rupiah_whole(rate.amount or 0)}",
        )
    if rate.basis is BenefitBasis.PER_YEAR:
        return _make(rate, rate.amount, False, "per tahun")
    return _make(rate, None, False, "sesuai kebutuhan medis, tanpa batas biaya")


def _income_multiple(rate: RateRow, facts: BenefitFacts) -> BenefitLine:
    income, factor = facts.reported_income, rate.multiplier or 0
    detail = f"{factor} × {rupiah_whole(income)}"
    if rate.condition == "jkk_cacat_sebagian":
        if facts.disability_percent is None:
            return _make(rate, None, False, f"{detail} × persentase cacat (belum diisi)")
        figure = factor * income * facts.disability_percent // 100
        detail += f" × {facts.disability_percent}%"
    else:
        figure = factor * income
    if rate.minimum and figure < rate.minimum:
        return _make(
            rate, rate.minimum, True, f"{detail}, paling sedikit {rupiah_whole(rate.minimum)}"
        )
    return _make(rate, figure, True, detail)


def _scholarship_lines(
    rows: Sequence[RateRow], facts: BenefitFacts, rules: ClaimRules, notes: list[str]
) -> list[BenefitLine]:
    if not facts.scholarship_open:
        notes.append("Anak belum mendapat beasiswa: masa kepesertaan belum cukup.")
        return []
    by_level = {r.education_level: r for r in rows if r.condition == SCHOLARSHIP}
    chosen: list[Child] = []
    for child in facts.children:
        too_old = child.birth_date is not None and facts.event_date >= add_months(
            child.birth_date, 12 * rules.scholarship_max_age
        )
        if too_old:
            notes.append(f"{child.full_name}: sudah berusia {rules.scholarship_max_age} tahun.")
        elif len(chosen) >= rules.scholarship_max_children:
            notes.append(
                f"{child.full_name}: beasiswa paling banyak untuk "
                f"{rules.scholarship_max_children} anak."
            )
        else:
            chosen.append(child)
    lines = []
    for child in chosen:
        rate = by_level.get(child.education_level)
        level = EDUCATION_LEVEL[child.education_level]
        if rate is None:
            notes.append(f"Tabel manfaat tidak memuat beasiswa {level}.")
            continue
        years = f", paling lama {rate.max_years} tahun" if rate.max_years else ""
        lines.append(
            BenefitLine(
                code=rate.code,
                label=f"{rate.label} — {child.full_name}",
                basis=rate.basis,
                amount=rate.amount,
                counted=False,
                detail=f"{rupiah_whole(rate.amount or 0)} per tahun ({level}){years}",
            )
        )
    if lines:
        notes.append(
            "Beasiswa dibayar per tahun, seluruhnya paling banyak "
            f"{rupiah_whole(rules.scholarship_cap)}; berhenti bila anak berusia "
            f"{rules.scholarship_max_age} tahun, menikah atau bekerja."
        )
    return lines


def _make(rate: RateRow, amount: int | None, counted: bool, detail: str) -> BenefitLine:
    return BenefitLine(
        code=rate.code,
        label=rate.label,
        basis=rate.basis,
        amount=amount,
        counted=counted and amount is not None,
        detail=detail,
    )
