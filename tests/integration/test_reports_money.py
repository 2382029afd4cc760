"""Report 3 (premium, reconciliation, budget, drill-down) and report 4 (claims), in both
formats with the same numbers (SQLite and PostgreSQL)."""

from __future__ import annotations

import sqlite3
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import openpyxl
from sqlalchemy import MetaData, Table, insert

from models.enums import FundingSource
from services.core.context import ServiceContext
from services.premiums import (
    AllocationInput,
    BillInput,
    Month,
    PaymentInput,
    record_bill,
    record_payment,
    set_allocation,
)
from services.premiums.bpjs_list import import_bpjs_list
from services.premiums.months import Period
from services.reports import ReportFilter, ReportKind
from services.reports.service import build_report
from services.text.formatting import long_date
from tests.integration.premium_helpers import VIEWER, as_clerk, edge_register
from tests.integration.test_premiums_reconciliation import bpjs_file
from tests.integration.test_reports import TODAY, _table, assert_same_in_both, pdf_text

KAB = FundingSource.APBD_KABUPATEN
M = 1_000_000
JANUARY = ReportFilter(period=Period.parse("2025-01"))


def _january_with_list(ctx: ServiceContext, tmp_path: Path) -> int:
    bill = record_bill(
        ctx, BillInput(Month(2025, 1), KAB, "TAG/BPU/01/2025", date(2025, 2, 5), 6, 100_800)
    )
    record_payment(ctx, PaymentInput(bill.id, date(2025, 2, 20), 67_200, "SP2D 0012/2025"))
    import_bpjs_list(ctx, bill.id, bpjs_file(tmp_path / "daftar.xlsx"))
    set_allocation(ctx, AllocationInput(2025, KAB, 1_000_000, budget_code="5.1.02.01"))
    return bill.id


def test_premium_report_month_reconciliation_budget_and_drilldown(
    ctx: ServiceContext, tmp_path: Path
) -> None:
    edge_register(ctx)
    _january_with_list(ctx, tmp_path)
    report = assert_same_in_both(ctx, ReportKind.PREMIUM, tmp_path, JANUARY)
    assert report.notes[0].startswith("Peserta yang mulai atau berhenti di tengah bulan")
    assert f"Iuran dihitung dari register keadaan {long_date(TODAY)}." in report.notes
    funding = _table(report, "Per sumber dana")
    assert funding.rows == (
        ("APBD Kabupaten", 4, 10_000, 6_800, 40_000, 27_200, 67_200),
        ("APBD Provinsi", 1, 10_000, 6_800, 10_000, 6_800, 16_800),
        ("JUMLAH", 5, None, None, 50_000, 34_000, 84_000),
    )
    kecamatan = _table(report, "Per kecamatan")
    assert kecamatan.rows[-1] == ("JUMLAH", 4, 67_200, 1, 16_800, 5, 84_000)
    recon = _table(report, "Rekonsiliasi")
    assert recon.rows[0] == (
        "Januari 2025",
        "APBD Kabupaten",
        4,
        67_200,
        6,
        100_800,
        2,
        33_600,
        67_200,
        33_600,
    )
    [bill] = _table(report, "Tagihan").rows
    assert bill == (
        "TAG/BPU/01/2025",
        date(2025, 2, 5),
        "APBD Kabupaten",
        6,
        100_800,
        67_200,
        33_600,
        "6 baris",
    )
    [payment] = _table(report, "Pembayaran").rows
    assert payment[2:4] == ("SP2D 0012/2025", 67_200)
    budget = {r[0]: r for r in _table(report, "Anggaran").rows}
    # The year 2025 is over on 24 November 2026: nothing committed, the rest outstanding.
    kab = budget["APBD Kabupaten"]
    assert kab[1:4] == ("5.1.02.01", 1_000_000, 67_200)
    assert kab[5] == 0 and kab[6] == kab[3] + kab[4] and kab[7] == 1_000_000 - kab[6]
    drill = _table(report, "Selisih TAG/BPU/01/2025")
    assert [r[0] for r in drill.rows] == [
        "Dihitung, tidak ada di daftar BPJS",
        "Dihitung, tidak ada di daftar BPJS",
        "Ditagih, tidak terdaftar",
        "Ditagih, tidak terdaftar",
        "Ditagih, tidak dihitung bulan ini",
        "Ditagih lebih dari sekali",
    ]
    assert report.personal_data
    text = pdf_text(tmp_path / "laporan.pdf")
    assert "dihitung 4, daftar BPJS 6 baris, 4 cocok; tagihan Rp100.800,00" in text


def test_a_viewer_gets_the_money_but_not_the_people(ctx: ServiceContext, tmp_path: Path) -> None:
    edge_register(ctx)
    _january_with_list(ctx, tmp_path)
    report = build_report(as_clerk(ctx, VIEWER), ReportKind.PREMIUM, JANUARY, TODAY)
    assert "Rincian peserta di balik selisih tidak ditampilkan untuk akun Anda." in report.notes
    assert not any(t.name.startswith("Selisih") for t in report.tables)
    assert not report.personal_data


# -- 4. claims -------------------------------------------------------------------------------


def _claims_table(ctx: ServiceContext) -> Table:
    return Table("claim", MetaData(), autoload_with=ctx.engine)


def _claim(worker_id: int, kind: str, status: str, event: date, **values: Any) -> dict[str, Any]:
    now = datetime.now(UTC)
    return {
        "worker_id": worker_id,
        "claim_type": kind,
        "status": status,
        "status_since": now,
        "event_date": event,
        "traffic_accident": False,
        "eligible": True,
        "created_at": now,
        "updated_at": now,
        "version": 1,
        "report_deadline_at": None,
        "paid_amount": None,
        "paid_on": None,
        "estimated_benefit": None,  # every row names every column: one executemany
        **values,
    }


def test_claims_report_per_status_type_and_amount(ctx: ServiceContext, tmp_path: Path) -> None:
    edge = edge_register(ctx)
    late = datetime.now(UTC) - timedelta(days=3)
    with ctx.engine.begin() as conn:
        conn.execute(
            insert(_claims_table(ctx)),
            [
                # No estimate yet: counted, and named in the note.
                _claim(edge.from_first, "jkk", "draft", date(2025, 5, 2), report_deadline_at=late),
                _claim(
                    edge.from_31st, "jkk", "draft", date(2025, 6, 10), estimated_benefit=7_500_000
                ),
                _claim(
                    edge.died_15_march,
                    "jkm",
                    "dibayar",
                    date(2025, 3, 15),
                    estimated_benefit=42_000_000,
                    paid_amount=41_500_000,
                    paid_on=date(2025, 4, 1),
                ),
                _claim(
                    edge.province,
                    "jkk",
                    "dibatalkan",
                    date(2025, 8, 1),
                    estimated_benefit=5_000_000,
                ),
                _claim(edge.from_31st, "jkk", "draft", date(2024, 12, 1)),  # another year
            ],
        )
    report = assert_same_in_both(
        ctx, ReportKind.CLAIMS, tmp_path, ReportFilter(period=Period.parse("2025"))
    )
    table = _table(report, "Per status dan jenis")
    # Status, type: claims, without an estimate, estimated, paid, amount paid.
    assert table.rows == (
        ("Draf", "JKK", 2, 1, 7_500_000, 0, 0),
        ("Dibayar", "JKM", 1, 0, 42_000_000, 1, 41_500_000),
        ("Dibatalkan", "JKK", 1, 0, 5_000_000, 0, 0),
        ("JUMLAH", "JKK", 3, 1, 12_500_000, 0, 0),
        ("JUMLAH", "JKM", 1, 0, 42_000_000, 1, 41_500_000),
        ("JUMLAH", "JKK + JKM", 4, 1, 54_500_000, 1, 41_500_000),
    )
    assert table.total_rows == frozenset({3, 4, 5})
    assert table.note is not None and table.note.startswith("1 klaim tanpa taksiran:")
    # The same numbers and the note in both files (rows checked cell by cell above).
    text = pdf_text(tmp_path / "laporan.pdf")
    assert "JUMLAH JKK + JKM 4 1 54.500.000 1 41.500.000" in text
    assert "1 klaim tanpa taksiran:" in text
    sheet = openpyxl.load_workbook(tmp_path / "laporan.xlsx")["Per status dan jenis"]
    cells = [c.value for row in sheet.iter_rows() for c in row]
    assert table.note in cells
    assert _table(report, "Per kecamatan").rows == (
        ("Kota Kefamenanu", 3, 1, 41_500_000),
        ("JUMLAH", 3, 1, 41_500_000),
    )
    listed = _table(report, "Daftar klaim").rows
    assert [(r[6], r[8], r[9]) for r in listed] == [
        (date(2025, 3, 15), 42_000_000, 41_500_000),
        (date(2025, 5, 2), None, None),
        (date(2025, 6, 10), 7_500_000, None),
        (date(2025, 8, 1), 5_000_000, None),
    ]
    assert "terlambat dilaporkan (lewat 2 × 24 jam): 1." in " ".join(report.notes)
    assert (report.row_count, report.row_unit) == (4, "klaim")


def test_claims_with_every_estimate_say_nothing_is_missing(
    sqlite_ctx: ServiceContext, tmp_path: Path
) -> None:
    edge = edge_register(sqlite_ctx)
    with sqlite_ctx.engine.begin() as conn:
        conn.execute(
            insert(_claims_table(sqlite_ctx)),
            [_claim(edge.from_first, "jkk", "diajukan", date(2025, 5, 2), estimated_benefit=1)],
        )
    report = build_report(sqlite_ctx, ReportKind.CLAIMS, ReportFilter(Period.parse("2025")), TODAY)
    table = _table(report, "Per status dan jenis")
    assert table.rows[0] == ("Diajukan ke BPJS", "JKK", 1, 0, 1, 0, 0)
    assert table.note is None
    empty = build_report(sqlite_ctx, ReportKind.CLAIMS, ReportFilter(Period.parse("2023")), TODAY)
    assert _table(empty, "Per status dan jenis").rows == (
        ("JUMLAH", "JKK", 0, 0, 0, 0, 0),
        ("JUMLAH", "JKM", 0, 0, 0, 0, 0),
        ("JUMLAH", "JKK + JKM", 0, 0, 0, 0, 0),
    )


def test_claims_report_without_a_claim_table(sqlite_ctx: ServiceContext) -> None:
    path = sqlite_ctx.engine.url.database
    sqlite_ctx.engine.dispose()
    with sqlite3.connect(str(path)) as conn:
        conn.execute("PRAGMA foreign_keys = OFF")
        conn.execute("DROP TABLE claim")
    report = build_report(sqlite_ctx, ReportKind.CLAIMS, today=TODAY)
    assert report.notes == ("Data klaim belum tersedia di basis data ini.",)
    assert report.tables[0].rows == ()
