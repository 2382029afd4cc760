"""Computed vs billed vs paid, and BPJS's billed-participant list with extra and missing
people (SQLite and PostgreSQL)."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from models import AuditEntry
from models.enums import FundingSource, Gender
from models.premium import BpjsListEntry
from services.core.context import ServiceContext
from services.core.errors import NotFoundError
from services.core.permissions import PermissionDeniedError
from services.excel_import.types import ImportFileError
from services.premiums import (
    BillInput,
    DifferenceKind,
    Month,
    PaymentInput,
    delete_bill,
    drilldown,
    get_bill,
    reconcile,
    record_bill,
    record_payment,
)
from services.premiums.bpjs_list import import_bpjs_list
from tests.factories import make_nik
from tests.integration.premium_helpers import VIEWER, Edge, as_clerk, edge_register
from tests.integration.test_import_reading import save_workbook

KAB = FundingSource.APBD_KABUPATEN
PROV = FundingSource.APBD_PROVINSI
UNKNOWN_NIK = "5303050101900009"


def _nik(serial: int, female: bool = True) -> str:
    return make_nik(date(1985, 7, 12), Gender.FEMALE if female else Gender.MALE, serial)


def bpjs_file(path: Path) -> Path:
    """BPJS's list for January 2025 under a title, with every kind of difference."""
    rows: list[list[Any]] = [
        ["DAFTAR PESERTA TERTAGIH BPU — PEMKAB TTU", None, None, None, None],
        ["Periode Januari 2025", None, None, None, None],
        [],
        ["No", "No KPJ", "NIK", "Nama Peserta", "Iuran"],
        [1, None, _nik(1), "MARIA GORETI TAEK B", 16800],  # by NIK
        [2, 2, None, "MARIA GORETI TAEK C", 16800],  # by KPJ typed as a number
        [3, "00000000005", _nik(5, female=False), "MARIA GORETI TAEK F", 16800],  # province
        [4, None, UNKNOWN_NIK, "ORANG LAIN", 16800],  # not in the register
        [5, None, _nik(1), "MARIA GORETI TAEK B", 16800],  # the same person again
        [6, None, None, "TANPA NOMOR", 16800],  # nothing to match on
        [None, None, None, "JUMLAH", 100800],
    ]
    return save_workbook(path, rows, merged=["A1:E1"], text_columns=[3])


@pytest.fixture
def january(ctx: ServiceContext) -> tuple[Edge, int]:
    edge = edge_register(ctx)
    bill = record_bill(
        ctx, BillInput(Month(2025, 1), KAB, "TAG/BPU/01/2025", date(2025, 2, 5), 6, 100_800)
    )
    return edge, bill.id


def test_reconciliation_per_month_and_funding(
    ctx: ServiceContext, january: tuple[Edge, int]
) -> None:
    _, bill_id = january
    record_payment(ctx, PaymentInput(bill_id, date(2025, 2, 20), 67_200, "SP2D 0012/2025"))
    result = reconcile(ctx, Month(2025, 1), Month(2025, 2))
    lines = {(line.month.code, line.funding): line for line in result.lines}
    assert set(lines) == {("2025-01", KAB), ("2025-01", PROV), ("2025-02", KAB), ("2025-02", PROV)}
    kab = lines["2025-01", KAB]
    assert (kab.computed_workers, kab.computed_amount) == (4, 67_200)
    assert (kab.billed_workers, kab.billed_amount, kab.paid) == (6, 100_800, 67_200)
    assert (kab.worker_difference, kab.amount_difference, kab.unpaid) == (2, 33_600, 33_600)
    assert kab.bill_ids == (bill_id,) and kab.lists_imported == 0
    unbilled = lines["2025-02", KAB]
    assert unbilled.billed_amount is None and unbilled.worker_difference is None
    assert unbilled.unpaid is None and unbilled.computed_workers == 4
    only_prov = reconcile(ctx, Month(2025, 1), funding=PROV)
    assert [(line.funding, line.computed_workers) for line in only_prov.lines] == [(PROV, 1)]


def test_each_bill_shows_what_is_still_owed(ctx: ServiceContext, january: tuple[Edge, int]) -> None:
    _, first = january
    second = record_bill(
        ctx, BillInput(Month(2025, 1), KAB, "TAG/BPU/01B/2025", date(2025, 2, 6), 1, 16_800)
    )
    record_payment(ctx, PaymentInput(first, date(2025, 2, 20), 67_200, "SP2D 0012/2025"))
    record_payment(ctx, PaymentInput(second.id, date(2025, 2, 21), 16_800, "SP2D 0013/2025"))
    line = reconcile(ctx, Month(2025, 1), funding=KAB).lines[0]
    owed = {b.bill_number: b.owed for b in line.bills}
    assert owed == {"TAG/BPU/01/2025": 33_600, "TAG/BPU/01B/2025": 0}
    assert (line.billed_amount, line.paid, line.unpaid) == (117_600, 84_000, 33_600)


def test_the_claims_premium_statement_checks_the_months_bill_and_payment(
    ctx: ServiceContext, january: tuple[Edge, int]
) -> None:
    from services.premiums.month_paid import PaidState, month_paid

    _, bill_id = january
    with ctx.session_factory() as session:
        unpaid = month_paid(session, KAB, date(2025, 1, 20))
        unbilled = month_paid(session, KAB, date(2025, 2, 3))
        self_paid = month_paid(session, FundingSource.MANDIRI, date(2025, 1, 20))
    assert unpaid.state is PaidState.UNPAID
    assert "baru dibayar Rp0,00 dari tagihan Rp100.800,00" in unpaid.statement
    assert unbilled.state is PaidState.NOT_BILLED
    assert "belum tercatat ditagih dan dibayar" in unbilled.statement
    assert self_paid.state is PaidState.SELF
    record_payment(ctx, PaymentInput(bill_id, date(2025, 2, 20), 100_800, "SP2D 0012/2025"))
    with ctx.session_factory() as session:
        paid = month_paid(session, KAB, date(2025, 1, 31))
    assert paid.statement == (
        "Iuran bulan Januari 2025 dibayar dari APBD Kabupaten (tagihan TAG/BPU/01/2025, lunas)."
    )


def test_bpjs_list_drilldown_names_extra_and_missing_people(
    ctx: ServiceContext, january: tuple[Edge, int], tmp_path: Path
) -> None:
    edge, bill_id = january
    result = import_bpjs_list(ctx, bill_id, bpjs_file(tmp_path / "tagihan.xlsx"))
    assert (result.rows, result.matched, result.unreadable_rows, result.replaced) == (
        6,
        4,
        (10,),
        False,
    )
    assert get_bill(ctx, bill_id).list_rows == 6
    assert reconcile(ctx, Month(2025, 1), funding=KAB).lines[0].lists_imported == 1
    found = drilldown(ctx, bill_id)
    assert (found.counted_workers, found.list_rows, found.matched_rows) == (4, 6, 4)
    kinds = {k: [(r.worker_id, r.list_row) for r in found.of(k)] for k in DifferenceKind}
    assert kinds == {
        # Died 15 March and coverage ending June: both covered in January, not on the list.
        DifferenceKind.NOT_BILLED: [(edge.died_15_march, None), (edge.ended_june, None)],
        DifferenceKind.NOT_IN_REGISTER: [(None, 8), (None, 10)],
        DifferenceKind.NOT_COUNTED: [(edge.province, 7)],
        DifferenceKind.BILLED_TWICE: [(edge.from_first, 9)],
    }
    [province] = found.of(DifferenceKind.NOT_COUNTED)
    assert province.reason == "Sumber dana di register APBD Provinsi, bukan APBD Kabupaten."
    assert province.kecamatan_name == "Kota Kefamenanu" and province.village_name == "Aplasi"
    unknown, blank = found.of(DifferenceKind.NOT_IN_REGISTER)
    assert (unknown.nik, unknown.full_name) == (UNKNOWN_NIK, "ORANG LAIN")
    assert blank.reason == "Baris tanpa NIK atau KPJ yang terbaca."
    [twice] = found.of(DifferenceKind.BILLED_TWICE)
    assert twice.reason == "Sudah tercantum di baris 5 daftar BPJS."
    with ctx.session_factory() as session:
        event = session.scalars(select(AuditEntry).where(AuditEntry.entity == "bpjs_list")).one()
    assert event.action == "import" and "6 baris, 4 cocok" in (event.summary or "")
    assert UNKNOWN_NIK not in (event.summary or "") + (event.changes or "")


def test_a_new_list_replaces_the_old_and_a_bad_file_changes_nothing(
    ctx: ServiceContext, january: tuple[Edge, int], tmp_path: Path
) -> None:
    _, bill_id = january
    import_bpjs_list(ctx, bill_id, bpjs_file(tmp_path / "a.xlsx"))
    csv = tmp_path / "b.csv"
    csv.write_text(f"No;NIK;Nama\n1;{_nik(1)};MARIA\n", encoding="utf-8")
    again = import_bpjs_list(ctx, bill_id, csv)
    assert (again.rows, again.matched, again.replaced) == (1, 1, True)
    no_numbers = tmp_path / "c.csv"
    no_numbers.write_text("No;Nama;Alamat\n1;MARIA;Kefa\n", encoding="utf-8")
    with pytest.raises(ImportFileError) as caught:
        import_bpjs_list(ctx, bill_id, no_numbers)
    assert "Kolom NIK atau No. KPJ tidak ditemukan" in caught.value.message
    with ctx.session_factory() as session:
        assert session.scalar(select(func.count()).select_from(BpjsListEntry)) == 1
    found = drilldown(ctx, bill_id)
    assert [r.kind for r in found.rows] == [DifferenceKind.NOT_BILLED] * 3
    delete_bill(ctx, bill_id)  # a bill recorded by mistake takes its list with it
    with ctx.session_factory() as session:
        assert session.scalar(select(func.count()).select_from(BpjsListEntry)) == 0


def test_drilldown_needs_a_list_and_full_identity(
    ctx: ServiceContext, january: tuple[Edge, int]
) -> None:
    _, bill_id = january
    with pytest.raises(NotFoundError) as caught:
        drilldown(ctx, bill_id)
    assert "belum diimpor" in caught.value.message
    with pytest.raises(PermissionDeniedError):
        drilldown(as_clerk(ctx, VIEWER), bill_id)
