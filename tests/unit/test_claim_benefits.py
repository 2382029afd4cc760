"""The benefit estimate from the seeded benefit table: JKM full and reduced, JKK death
with its floor, scholarships per child and level, rows chosen by validity date."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from models.enums import BenefitBasis, ClaimType, EducationLevel, JkkOutcome
from services.claims.benefits import BenefitFacts, Child, estimate
from services.claims.rules import ClaimRules
from tests.unit.claim_rates import SEEDED_RATES

RULES = ClaimRules.defaults()
JKM = BenefitFacts(
    claim_type=ClaimType.JKM,
    event_date=date(2025, 9, 1),
    jkk_outcome=None,
    reduced=False,
    scholarship_open=False,
    reported_income=1_000_000,
    disability_percent=None,
    children=(),
)


def test_jkm_is_42_million_in_three_parts() -> None:
    result = estimate(SEEDED_RATES, JKM, RULES)
    assert result.is_estimate and "Perkiraan" in result.label
    assert [(line.code, line.amount) for line in result.lines] == [
        ("jkm_santunan_sekaligus", 20_000_000),
        ("jkm_santunan_berkala", 12_000_000),
        ("jkm_biaya_pemakaman", 10_000_000),
    ]
    assert result.total == 42_000_000


def test_jkm_within_three_months_is_the_reduced_10_million() -> None:
    result = estimate(SEEDED_RATES, replace(JKM, reduced=True), RULES)
    assert result.total == 10_000_000
    assert {line.code for line in result.lines} == {"jkm_awal_santunan", "jkm_awal_pemakaman"}


def test_jkk_death_is_48_times_income_never_below_the_floor() -> None:
    fatal = replace(JKM, claim_type=ClaimType.JKK, jkk_outcome=JkkOutcome.DEATH)
    result = estimate(SEEDED_RATES, fatal, RULES)
    lump = next(line for line in result.lines if line.code == "jkk_santunan_kematian")
    assert lump.amount == 48_000_000 and lump.detail == "48 × Rp1.000.000"
    assert result.total == 70_000_000  # the domain notes' figure at the Rp1,000,000 band
    low = estimate(SEEDED_RATES, replace(fatal, reported_income=300_000), RULES)
    floor = next(line for line in low.lines if line.code == "jkk_santunan_kematian")
    assert floor.amount == 20_000_000
    assert floor.detail == "48 × Rp300.000, paling sedikit Rp20.000.000"


def test_jkk_care_has_no_ceiling_and_is_not_counted_in_the_total() -> None:
    injured = replace(JKM, claim_type=ClaimType.JKK, jkk_outcome=JkkOutcome.TREATMENT)
    result = estimate(SEEDED_RATES, injured, RULES)
    care = next(line for line in result.lines if line.code == "jkk_perawatan")
    assert care.amount is None and care.basis is BenefitBasis.AS_NEEDED and not care.counted
    assert result.total == 0


def test_partial_disability_waits_for_the_percentage() -> None:
    partial = replace(JKM, claim_type=ClaimType.JKK, jkk_outcome=JkkOutcome.PARTIAL_DISABILITY)
    unknown = estimate(SEEDED_RATES, partial, RULES)
    assert next(x for x in unknown.lines if x.code == "jkk_cacat_sebagian").amount is None
    known = estimate(SEEDED_RATES, replace(partial, disability_percent=10), RULES)
    assert next(x for x in known.lines if x.code == "jkk_cacat_sebagian").amount == 8_000_000


def test_scholarship_per_child_and_level_for_at_most_two_children_under_23() -> None:
    children = (
        Child("SULUNG", EducationLevel.HIGHER, date(2001, 1, 1)),  # 24 at the death
        Child("KEDUA", EducationLevel.SMA, date(2008, 1, 1)),
        Child("KETIGA", EducationLevel.TK_SD, date(2015, 1, 1)),
        Child("BUNGSU", EducationLevel.TK_SD, date(2018, 1, 1)),
    )
    facts = replace(JKM, scholarship_open=True, children=children)
    result = estimate(SEEDED_RATES, facts, RULES)
    scholarships = [
        (x.label, x.amount, x.counted) for x in result.lines if x.code.startswith("beasiswa")
    ]
    assert scholarships == [
        ("Beasiswa SMA — KEDUA", 3_000_000, False),
        ("Beasiswa TK–SD — KETIGA", 1_500_000, False),
    ]
    assert result.total == 42_000_000  # yearly amounts stay out of the one-off total
    assert "SULUNG: sudah berusia 23 tahun." in result.notes
    assert "BUNGSU: beasiswa paling banyak untuk 2 anak." in result.notes


def test_no_scholarship_before_three_years() -> None:
    facts = replace(JKM, children=(Child("ANAK", EducationLevel.SMP, None),))
    result = estimate(SEEDED_RATES, facts, RULES)
    assert not [x for x in result.lines if x.code.startswith("beasiswa")]
    assert result.notes == ("Anak belum mendapat beasiswa: masa kepesertaan belum cukup.",)


def test_the_row_valid_on_the_event_date_is_used() -> None:
    old = next(r for r in SEEDED_RATES if r.code == "jkm_biaya_pemakaman")
    ended = replace(old, valid_to=date(2025, 12, 31))
    newer = replace(old, amount=15_000_000, valid_from=date(2026, 1, 1))
    rates = [r for r in SEEDED_RATES if r is not old] + [ended, newer]
    assert estimate(rates, JKM, RULES).total == 42_000_000
    assert estimate(rates, replace(JKM, event_date=date(2026, 2, 1)), RULES).total == 47_000_000


def test_an_empty_table_says_so() -> None:
    result = estimate([], JKM, RULES)
    assert result.total == 0 and result.lines == ()
    assert "Tabel manfaat tidak memuat baris" in result.notes[0]


FUNERAL_MARKED = [
    replace(r, funeral=r.code.endswith("_pemakaman")) for r in SEEDED_RATES
]  # as migration 0010 marks them


def test_a_jkk_death_lists_only_the_lines_of_its_total() -> None:
    fatal = replace(JKM, claim_type=ClaimType.JKK, jkk_outcome=JkkOutcome.DEATH)
    result = estimate(SEEDED_RATES, fatal, RULES)
    assert {line.code for line in result.lines} == {
        "jkk_santunan_kematian",
        "jkk_biaya_pemakaman",
        "jkk_santunan_berkala",
    }
    assert all(line.counted for line in result.lines)


def test_with_no_heir_only_the_funeral_cost_is_estimated() -> None:
    no_heir = replace(JKM, funeral_only=True, scholarship_open=True)
    no_heir = replace(no_heir, children=(Child("ANAK", EducationLevel.SMP, date(2012, 1, 1)),))
    result = estimate(FUNERAL_MARKED, no_heir, RULES)
    assert [(line.code, line.amount) for line in result.lines] == [
        ("jkm_biaya_pemakaman", 10_000_000)
    ]
    assert result.total == 10_000_000
    assert any("hanya biaya pemakaman" in note for note in result.notes)


def test_a_jkk_total_disability_opens_the_scholarship_when_the_setting_says_so() -> None:
    disabled = replace(
        JKM,
        claim_type=ClaimType.JKK,
        jkk_outcome=JkkOutcome.TOTAL_DISABILITY,
        scholarship_open=True,
        children=(Child("ANAK", EducationLevel.SMA, date(2009, 1, 1)),),
    )
    without = estimate(SEEDED_RATES, disabled, RULES)
    assert not any(line.code.startswith("beasiswa") for line in without.lines)
    opened = estimate(SEEDED_RATES, replace(disabled, scholarship_case=True), RULES)
    assert [
        (line.code, line.amount) for line in opened.lines if line.code.startswith("beasiswa")
    ] == [("beasiswa_sma", 3_000_000)]
