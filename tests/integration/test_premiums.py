"""Premium arithmetic on edge months, rates with validity dates, bills, payments and budget
(SQLite and PostgreSQL)."""

from __future__ import annotations

import json
from datetime import date

import pytest
from sqlalchemy import select

from models import AuditEntry
from models.enums import FundingSource
from services.core.context import ServiceContext
from services.core.errors import ReferencedError, SiRentanError, ValidationError
from services.core.permissions import PermissionDeniedError
from services.premiums import (
    AllocationInput,
    Area,
    BillInput,
    Month,
    PaymentInput,
    RateInput,
    budget_status,
    delete_bill,
    delete_payment,
    delete_rate,
    list_bills,
    list_payments,
    list_rates,
    monthly_premium,
    premium_series,
    rate_on,
    record_bill,
    record_payment,
    set_allocation,
    set_rate,
    update_bill,
)
from services.premiums.types import PartialMonthRule
from tests.integration.premium_helpers import (
    ADMIN,
    VIEWER,
    add_worker,
    as_clerk,
    edge_register,
    restore_rates,  # noqa: F401 (a fixture)
    set_rule,
)
from tests.present import present

KAB = FundingSource.APBD_KABUPATEN
PROV = FundingSource.APBD_PROVINSI
KOTA = "53.03.05"


def _counts(ctx: ServiceContext, months: list[Month]) -> dict[str, tuple[int, int]]:
    return {
        t.month.code: (t.of(KAB).workers, t.of(PROV).workers) for t in premium_series(ctx, months)
    }


def test_seeded_rates_are_the_bpu_package(ctx: ServiceContext) -> None:
    rows = list_rates(ctx)
    assert {r.funding for r in rows} == set(FundingSource)
    assert all((r.rate.jkk, r.rate.jkm, r.rate.total) == (10_000, 6_800, 16_800) for r in rows)
    assert all(r.valid_from == Month(2021, 4) and r.valid_until is None for r in rows)
    assert rate_on(ctx, KAB, date(2025, 7, 7)).total == 16_800


def test_whole_month_rule_counts_any_covered_day(ctx: ServiceContext) -> None:
    edge_register(ctx)
    counts = _counts(ctx, [Month(2025, m) for m in (1, 2, 3, 4, 6, 7)])
    assert counts == {
        "2025-01": (4, 1),  # joined on the 1st and on the 31st both count for January
        "2025-02": (4, 1),
        "2025-03": (4, 1),  # died on 15 March: March still counts
        "2025-04": (3, 1),
        "2025-06": (3, 1),  # coverage ending 30 June counts June
        "2025-07": (2, 1),
    }
    premium = monthly_premium(ctx, Month(2025, 1))
    assert premium.rule is PartialMonthRule.FULL
    assert premium.rule_text.startswith("Peserta yang mulai atau berhenti di tengah bulan dihitung")
    assert (premium.workers, premium.amount) == (5, 5 * 16_800)
    [kota] = {line.kecamatan_name for line in premium.lines}
    assert kota == "Kota Kefamenanu"
    assert [(f.funding, f.workers, f.amount) for f in premium.by_funding()] == [
        (KAB, 4, 67_200),
        (PROV, 1, 16_800),
    ]


def test_partial_months_left_out_under_the_none_rule(ctx: ServiceContext) -> None:
    edge_register(ctx)
    set_rule(ctx, "none")
    counts = _counts(ctx, [Month(2025, m) for m in (1, 2, 3, 4)])
    # Joined on the 31st: counted from February; died mid-March: not counted for March.
    assert counts == {"2025-01": (3, 1), "2025-02": (4, 1), "2025-03": (3, 1), "2025-04": (3, 1)}
    premium = monthly_premium(ctx, Month(2025, 3))
    assert premium.rule is PartialMonthRule.NONE and "tidak dihitung" in premium.rule_text


@pytest.mark.usefixtures("restore_rates")
def test_a_rate_change_mid_year_applies_from_its_month(ctx: ServiceContext) -> None:
    edge_register(ctx)
    admin = as_clerk(ctx, ADMIN)
    set_rate(admin, RateInput(KAB, Month(2025, 7), jkk=12_000, jkm=6_800, note="naik"))
    rows = [r for r in list_rates(ctx) if r.funding is KAB]
    assert [(r.valid_from.code, r.valid_until and r.valid_until.code) for r in rows] == [
        ("2021-04", "2025-06"),
        ("2025-07", None),
    ]
    series = {t.month.code: t for t in premium_series(ctx, [Month(2025, 6), Month(2025, 7)])}
    assert series["2025-06"].of(KAB).amount == 3 * 16_800
    assert series["2025-07"].of(KAB).amount == 2 * 18_800
    assert series["2025-07"].of(PROV).amount == 16_800  # another source keeps its rate
    july = monthly_premium(ctx, Month(2025, 7))
    assert dict(july.rates)[KAB].total == 18_800
    assert [(line.jkk, line.jkm) for line in july.lines if line.funding is KAB] == [
        (24_000, 13_600)
    ]


@pytest.mark.usefixtures("restore_rates")
def test_rates_are_for_administrators_and_checked(ctx: ServiceContext) -> None:
    with pytest.raises(PermissionDeniedError):
        set_rate(ctx, RateInput(KAB, Month(2026, 1), 10_000, 6_800))
    with pytest.raises(ValidationError) as caught:
        set_rate(as_clerk(ctx, ADMIN), RateInput(KAB, Month(2026, 1), -1, 6_800_000))
    assert {p.field for p in caught.value.problems} == {"jkk", "jkm"}


def test_a_month_before_any_rate_is_refused_with_advice(ctx: ServiceContext) -> None:
    add_worker(ctx, 9, date(2020, 1, 1))
    with pytest.raises(SiRentanError) as caught:
        premium_series(ctx, [Month(2021, 3)])
    assert "Tarif iuran APBD Kabupaten untuk bulan Maret 2021 belum ada" in caught.value.message


def test_area_filters_and_empty_kecamatan(ctx: ServiceContext) -> None:
    edge_register(ctx)
    only_prov = monthly_premium(ctx, Month(2025, 1), Area(funding=PROV))
    assert only_prov.workers == 1 and [f for f, _ in only_prov.rates] == [PROV]
    elsewhere = monthly_premium(ctx, Month(2025, 1), Area(kecamatan_code="53.03.06"))
    assert elsewhere.workers == 0 and elsewhere.lines == ()


def test_bills_and_payments_are_checked_and_audited(ctx: ServiceContext) -> None:
    data = BillInput(Month(2025, 1), KAB, "TAG/001/2025", date(2025, 2, 3), 4, 67_200)
    bill = record_bill(ctx, data)
    assert (bill.month, bill.paid, bill.unpaid, bill.list_rows) == (Month(2025, 1), 0, 67_200, None)
    with pytest.raises(ValidationError) as caught:
        record_bill(ctx, data)
    assert caught.value.problems[0].code == "bill_number_duplicate"
    with pytest.raises(ValidationError) as caught:
        record_bill(ctx, BillInput(Month(2025, 1), KAB, " ", date(2099, 1, 1), -1, -5))
    assert {p.code for p in caught.value.problems} == {
        "bill_number_empty",
        "bill_date_future",
        "workers_negative",
        "amount_negative",
    }
    record_payment(ctx, PaymentInput(bill.id, date(2025, 2, 20), 50_000, "SP2D-0001"))
    with pytest.raises(ValidationError) as caught:
        record_payment(ctx, PaymentInput(bill.id, date(2025, 2, 21), 17_201, "SP2D-0002"))
    assert "melebihi sisa tagihan Rp17.200,00" in caught.value.message
    [listed] = list_bills(ctx, Month(2025, 1), Month(2025, 12))
    assert (listed.paid, listed.unpaid) == (50_000, 17_200)
    with pytest.raises(ReferencedError):
        delete_bill(ctx, bill.id)
    with ctx.session_factory() as session:
        entries = session.scalars(
            select(AuditEntry).where(AuditEntry.entity.in_(["premium_bill", "premium_payment"]))
        ).all()
    assert [(e.action, e.entity) for e in entries] == [
        ("create", "premium_bill"),
        ("create", "premium_payment"),
    ]
    assert json.loads(present(entries[0].changes))["amount"] == [None, 67_200]
    assert entries[1].parent_entity == "premium_bill" and entries[1].parent_id == str(bill.id)


def test_viewers_read_but_do_not_record(ctx: ServiceContext) -> None:
    viewer = as_clerk(ctx, VIEWER)
    with pytest.raises(PermissionDeniedError):
        record_bill(viewer, BillInput(Month(2025, 1), KAB, "X", date(2025, 2, 1), 1, 1))
    with pytest.raises(PermissionDeniedError):
        set_allocation(viewer, AllocationInput(2025, KAB, 1))
    assert list_bills(viewer) == []


def test_budget_used_outstanding_committed_and_balance(ctx: ServiceContext) -> None:
    edge_register(ctx)
    set_allocation(ctx, AllocationInput(2025, KAB, 1_000_000, budget_code="5.1.02"))
    changed = set_allocation(ctx, AllocationInput(2025, KAB, 900_000, budget_code="5.1.02"))
    assert changed.amount == 900_000
    january = record_bill(ctx, BillInput(Month(2025, 1), KAB, "T-01", date(2025, 2, 1), 4, 67_200))
    record_payment(ctx, PaymentInput(january.id, date(2025, 2, 10), 67_200, "SP2D-01"))
    february = record_bill(ctx, BillInput(Month(2025, 2), KAB, "T-02", date(2025, 3, 1), 4, 67_200))
    record_payment(ctx, PaymentInput(february.id, date(2025, 3, 10), 60_000, "SP2D-02"))
    # Today 10 April 2025: January paid, February partly, March not billed yet
    # (computed: 4 workers), April computed (3); May-December at today's count.
    status = budget_status(ctx, 2025, today=date(2025, 4, 10))
    kab = next(line for line in status.lines if line.funding is KAB)
    assert kab.allocation == 900_000 and kab.budget_code == "5.1.02"
    assert kab.paid == 127_200
    assert kab.outstanding == 7_200 + 4 * 16_800 + 3 * 16_800
    # Covered on 10 April: from 1 January, from 31 January, coverage ending June.
    assert (kab.workers_today, kab.months_remaining) == (3, 8)
    assert kab.committed == 3 * 8 * 16_800
    assert kab.projected == 127_200 + 124_800 + 403_200
    assert kab.balance == 900_000 - 655_200
    assert kab.used_share == pytest.approx(127_200 / 900_000)
    prov = next(line for line in status.lines if line.funding is PROV)
    assert prov.allocation is None and prov.balance is None and prov.used_share is None
    assert prov.committed == 8 * 16_800


@pytest.mark.usefixtures("restore_rates")
def test_corrections_update_and_delete(ctx: ServiceContext) -> None:
    bill = record_bill(ctx, BillInput(Month(2025, 3), KAB, "T-3", date(2025, 4, 2), 3, 50_400))
    fixed = update_bill(
        ctx, bill.id, BillInput(Month(2025, 3), KAB, "T-03", date(2025, 4, 2), 4, 67_200)
    )
    assert (fixed.bill_number, fixed.workers_billed, fixed.amount) == ("T-03", 4, 67_200)
    payment = record_payment(ctx, PaymentInput(bill.id, date(2025, 4, 9), 67_200, "SP2D 3"))
    assert [p.id for p in list_payments(ctx, Month(2025, 1), Month(2025, 12))] == [payment.id]
    delete_payment(ctx, payment.id)
    delete_bill(ctx, bill.id)
    assert list_bills(ctx) == [] and list_payments(ctx) == []
    admin = as_clerk(ctx, ADMIN)
    later = set_rate(admin, RateInput(PROV, Month(2026, 1), 12_000, 6_800))
    [seeded] = [r for r in list_rates(ctx) if r.funding is PROV and r.id != later.id]
    with pytest.raises(SiRentanError) as caught:
        delete_rate(admin, 999_999)
    assert "tidak ditemukan" in caught.value.message
    delete_rate(admin, later.id)
    with pytest.raises(SiRentanError) as caught:
        delete_rate(admin, seeded.id)
    assert "satu-satunya" in caught.value.message
