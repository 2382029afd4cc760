"""Exports re-read cell by cell: types, formats, formula-safety, scope, masking (both engines);
the recap is report 1 over the list's filters."""

from __future__ import annotations

import json
from collections import Counter
from datetime import datetime
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from openpyxl.worksheet.worksheet import Worksheet
from sqlalchemy import func, select

from models import AuditEntry, Occupation, Setting, Worker
from models.enums import Role, WorkerStatus
from services import coverage_history
from services.core.context import ServiceContext
from services.core.permissions import PermissionDeniedError
from services.core.progress import CancelledError
from services.excel_export import (
    DEFAULT_BPJS_COLUMNS,
    ExportFormat,
    export_workers,
)
from services.excel_export.service import write_export
from services.reports import ReportFilter, ReportKind
from services.reports.service import write_report
from services.text.formatting import long_date
from services.text.labels import FUNDING, GENDER
from services.workers.demo_data import generate_demo_workers
from services.workers.regions import RegionDirectory
from services.workers.service import WorkerService
from services.workers.types import WorkerQuery
from tests.conftest import office_day_now
from tests.factories import worker_input
from tests.integration.trust_helpers import clerk, first_admin
from tests.present import present

FORMULA_STARTS = ("=", "+", "-", "@")
KOTA = "53.03.05"


@pytest.fixture
def register(ctx: ServiceContext) -> int:
    """60 demo workers and one whose texts look like formulas; returns that one's id."""
    generate_demo_workers(ctx, 60, seed=7)
    tricky = worker_input(
        1,
        address='=HYPERLINK("http://contoh.invalid","klik")',
        birth_place="@Kefamenanu",
        notes="-",
        kk_number="5303050101200001",
    )
    return WorkerService(ctx).create(tricky).worker.id


def _sheet(path: Path) -> Worksheet:
    return openpyxl.load_workbook(path).active


def _rows(sheet: Worksheet, header_row: int = 3) -> list[dict[str, object]]:
    headers = [c.value for c in sheet[header_row]]
    return [
        dict(zip(headers, (c.value for c in row), strict=True))
        for row in sheet.iter_rows(min_row=header_row + 1)
    ]


def test_the_list_keeps_numbers_as_text_and_dates_as_dates(
    ctx: ServiceContext, register: int, tmp_path: Path
) -> None:
    result = export_workers(ctx, tmp_path / "daftar.xlsx")
    assert result.rows == 61 and result.sheets == 1
    sheet = _sheet(result.path)
    title = str(sheet["A1"].value)
    assert "Kabupaten Timor Tengah Utara" in title and long_date(office_day_now()) in title
    assert sheet["A1"].font.b and sheet["A3"].font.b and sheet["A3"].value == "NIK"
    assert sheet.freeze_panes == "A4"
    assert sheet.auto_filter.ref == "A3:R64"
    assert sheet.column_dimensions["A"].width >= 18  # 16 digits fit
    tricky = WorkerService(ctx).get(register)
    [row] = [r for r in _rows(sheet) if r["NIK"] == tricky.nik]
    assert row["Nama"] == tricky.full_name and row["No. KK"] == "5303050101200001"
    assert row["No. KPJ"] == "00000000001" and row["No. HP"] == "081234567890"
    assert row["Tanggal lahir"] == datetime(1985, 7, 12)
    assert row["Alamat"] == '=HYPERLINK("http://contoh.invalid","klik")'
    assert row["Tempat lahir"] == "@Kefamenanu"
    for cells in sheet.iter_rows(min_row=4):
        by_header = {sheet.cell(row=3, column=c.column).value: c for c in cells}
        assert by_header["NIK"].data_type == "s" and len(str(by_header["NIK"].value)) == 16
        assert by_header["Tanggal lahir"].number_format == "dd-mm-yyyy"
        assert by_header["Tanggal lahir"].is_date
        for cell in cells:
            assert cell.data_type != "f", cell.coordinate
            if isinstance(cell.value, str) and cell.value.startswith(FORMULA_STARTS):
                assert cell.data_type == "s"


def test_the_bpjs_list_follows_its_setting(
    ctx: ServiceContext, register: int, tmp_path: Path
) -> None:
    sheet = _sheet(export_workers(ctx, tmp_path / "bpjs.xlsx", fmt=ExportFormat.BPJS).path)
    headers = [c.value for c in sheet[3]]
    assert headers == [
        "NIK",
        "NAMA",
        "TEMPAT LAHIR",
        "TANGGAL LAHIR",
        "JENIS KELAMIN",
        "ALAMAT",
        "DESA/KELURAHAN",
        "KECAMATAN",
        "PEKERJAAN",
        "NO. HP",
        "PROGRAM",
        "TANGGAL MULAI KEPESERTAAN",
        "SUMBER DANA",
    ]
    assert len(headers) == len(DEFAULT_BPJS_COLUMNS)
    rows = _rows(sheet)
    with ctx.session_factory() as session:
        covered = session.scalar(
            select(func.count())
            .select_from(Worker)
            .where(coverage_history.covered_on(Worker.id, office_day_now()))
        )
        needing = session.scalar(
            select(func.count())
            .select_from(Worker)
            .where(
                coverage_history.covered_on(Worker.id, office_day_now()),
                coverage_history.funding_on(Worker.id, office_day_now()) == "apbd_kab",
                func.coalesce(Worker.kpj, "") == "",
            )
        )
    # Registration is for workers covered now, paid by the district, without a KPJ yet.
    assert 0 < len(rows) == present(needing) < present(covered)
    assert {r["PROGRAM"] for r in rows} == {"JKK, JKM"}
    assert all(str(r["NAMA"]).isupper() for r in rows)
    assert all(isinstance(r["TANGGAL LAHIR"], datetime) for r in rows)
    with ctx.session_factory() as session:
        session.add(Setting(key="export.bpjs_columns", value="full_name, nik, program"))
        session.commit()
    again = _sheet(export_workers(ctx, tmp_path / "bpjs2.xlsx", fmt=ExportFormat.BPJS).path)
    assert [c.value for c in again[3]] == ["NAMA", "NIK", "PROGRAM"]


def test_one_sheet_per_village_for_the_village_heads(
    ctx: ServiceContext, register: int, tmp_path: Path
) -> None:
    result = export_workers(ctx, tmp_path / "desa.xlsx", fmt=ExportFormat.VILLAGE)
    workbook = openpyxl.load_workbook(result.path)
    with ctx.session_factory() as session:
        villages = session.scalar(select(func.count(func.distinct(Worker.village_code))))
    assert result.sheets == villages == len(workbook.sheetnames)
    total = 0
    for sheet in workbook.worksheets:
        assert str(sheet["A1"].value).startswith(
            ("Daftar Peserta Pekerja Rentan Desa", "Daftar Peserta Pekerja Rentan Kelurahan")
        )
        assert sheet["A3"].value == "No" and sheet["B3"].value == "Nama"
        numbers = [c.value for c in sheet["A"][3:]]
        assert numbers == list(range(1, len(numbers) + 1))
        total += len(numbers)
    assert total == result.rows == 61


def _cells(sheet: Worksheet) -> list[tuple[object, ...]]:
    """Every cell as the workbook holds it: value, type, bold, number format."""
    return [
        (c.coordinate, c.value, c.data_type, c.font.b, c.number_format)
        for row in sheet.iter_rows()
        for c in row
    ]


def _recap_table(sheet: Worksheet) -> tuple[list[str], list[dict[str, Any]]]:  # cell values
    """The title lines above a recap table, and its rows by header."""
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    header = next(i for i, row in enumerate(values) if row[0] == "Kecamatan")
    titles = [str(row[0]) for row in values[:header] if row[0]]
    rows = [dict(zip(values[header], row, strict=True)) for row in values[header + 1 :]]
    return titles, rows


def test_the_recap_export_is_report_one_cell_for_cell(
    ctx: ServiceContext, register: int, tmp_path: Path
) -> None:
    today = office_day_now()
    exported = export_workers(
        ctx,
        tmp_path / "rekap.xlsx",
        WorkerQuery(kecamatan_code=KOTA),
        ExportFormat.RECAP,
        today=today,
    )
    reported = write_report(
        ctx, ReportKind.RECAP, tmp_path / "laporan.xlsx", ReportFilter(kecamatan_code=KOTA), today
    )
    with ctx.session_factory() as session:
        kota = session.scalar(select(func.count()).where(Worker.kecamatan_code == KOTA))
    assert exported.rows == reported.report.row_count == kota
    assert exported.sheets == reported.pages == 2
    mine, theirs = openpyxl.load_workbook(exported.path), openpyxl.load_workbook(reported.path)
    assert mine.sheetnames == theirs.sheetnames == ["Per kecamatan", "Per desa"]
    for sheet, same in zip(mine.worksheets, theirs.worksheets, strict=True):
        assert _cells(sheet) == _cells(same)
        assert (sheet.freeze_panes, sheet.auto_filter.ref) == (
            same.freeze_panes,
            same.auto_filter.ref,
        )
        assert [d.width for d in sheet.column_dimensions.values()] == [
            d.width for d in same.column_dimensions.values()
        ]


def test_the_recap_counts_the_register_under_the_list_filters(
    ctx: ServiceContext, register: int, tmp_path: Path
) -> None:
    """Filters the report has not (status, occupation), re-read cell by cell."""
    today = office_day_now()
    district = '=HYPERLINK("http://contoh.invalid","TTU")'
    with ctx.session_factory() as session:
        session.merge(Setting(key="district.kabupaten_name", value=district))
        session.commit()
        petani = session.scalar(select(Occupation.id).where(Occupation.code == "petani"))
        counted = session.scalars(
            select(Worker).where(
                Worker.status == WorkerStatus.ACTIVE, Worker.occupation_id == petani
            )
        ).all()
        occupations = session.scalars(select(Occupation.name)).all()
    assert counted, "the demo register has active farmers"
    regions = RegionDirectory(ctx)
    expected: dict[str, dict[str, int]] = {}
    with ctx.session_factory() as session:
        facts = {w.id: coverage_history.coverage_on(session, w.id, today) for w in counted}
    for worker in counted:
        row = expected.setdefault(regions.name(worker.kecamatan_code), Counter())
        columns = ["Jumlah", "Aktif"]
        fact = facts[worker.id]
        # Gender, occupation and funding break down who is covered today (that day's funding).
        if fact.covered:
            assert fact.funding is not None
            columns += ["Terlindungi", "Petani", GENDER[worker.gender], FUNDING[fact.funding]]
        for column in columns:
            row[column] += 1
    query = WorkerQuery(status=WorkerStatus.ACTIVE, occupation_code="petani")
    result = export_workers(ctx, tmp_path / "rekap.xlsx", query, ExportFormat.RECAP, today=today)
    assert result.rows == len(counted)

    book = openpyxl.load_workbook(result.path)
    titles, rows = _recap_table(book["Per kecamatan"])
    assert titles[:3] == [
        "Rekapitulasi Kepesertaan per Kecamatan dan Desa",
        f"{district} — keadaan {long_date(today)}",
        "Saringan: Status Aktif · Pekerjaan Petani",
    ]
    counts = [h for h in rows[0] if h != "Kecamatan"]
    assert {"Nonaktif", "Meninggal", "Laki-laki", "Perempuan", *occupations} <= set(counts)
    by_name = {str(r["Kecamatan"]): r for r in rows}
    total = by_name.pop("JUMLAH")
    assert {name: {h: r[h] for h in counts if r[h]} for name, r in by_name.items()} == expected
    assert total["Jumlah"] == len(counted) == sum(r["Jumlah"] for r in by_name.values())

    _, villages = _recap_table(book["Per desa"])
    per_kecamatan: Counter[str] = Counter()
    for village in villages[:-1]:
        per_kecamatan[str(village["Kecamatan"])] += village["Jumlah"]
    assert per_kecamatan == {name: r["Jumlah"] for name, r in by_name.items()}
    assert villages[-1]["Kecamatan"] == "JUMLAH" and villages[-1]["Jumlah"] == len(counted)

    for sheet in book.worksheets:
        assert sheet["A2"].value.startswith(district) and sheet["A2"].data_type == "s"
        for cells in sheet.iter_rows():
            for cell in cells:
                assert cell.data_type != "f", cell.coordinate
                if isinstance(cell.value, int):
                    assert cell.number_format == "#,##0", cell.coordinate
        total_row = sheet.max_row
        assert sheet.cell(total_row, 1).value == "JUMLAH" and sheet.cell(total_row, 1).font.b

    with ctx.session_factory() as session:
        entry = session.scalars(select(AuditEntry).where(AuditEntry.action == "export")).one()
    assert json.loads(entry.changes or "{}") == {
        "format": "recap",
        "filter": {"status": "aktif", "occupation_code": "petani"},
        "rows": len(counted),
        "file": "rekap.xlsx",
    }


def test_every_export_is_audited_with_its_filter_and_count(
    ctx: ServiceContext, register: int, tmp_path: Path
) -> None:
    query = WorkerQuery(kecamatan_code=KOTA, status=WorkerStatus.ACTIVE)
    result = export_workers(ctx, tmp_path / "kota.xlsx", query)
    with ctx.session_factory() as session:
        entry = session.scalars(select(AuditEntry).where(AuditEntry.action == "export")).one()
    details = json.loads(entry.changes or "{}")
    assert details == {
        "format": "list",
        "filter": {"kecamatan_code": KOTA, "status": "aktif"},
        "rows": result.rows,
        "file": "kota.xlsx",
    }
    assert entry.user_name == "petugas1"


def test_a_cancelled_export_leaves_no_file_and_no_record(
    ctx: ServiceContext, tmp_path: Path
) -> None:
    generate_demo_workers(ctx, 1_200, seed=3)
    target = tmp_path / "batal.xlsx"
    with pytest.raises(CancelledError):
        export_workers(ctx, target, cancel=lambda: True)
    assert not target.exists() and not list(tmp_path.glob(".*.tmp"))
    with ctx.session_factory() as session:
        assert session.scalar(select(func.count()).where(AuditEntry.action == "export")) == 0


def test_a_kecamatan_clerk_exports_only_their_kecamatan(
    ctx: ServiceContext, database_url: str, register: int, tmp_path: Path
) -> None:
    admin = first_admin(ctx, database_url)
    local = clerk(admin, database_url, "kota_ekspor", Role.OPERATOR, [KOTA])
    result = export_workers(local, tmp_path / "kota.xlsx")
    rows = _rows(_sheet(result.path))
    with ctx.session_factory() as session:
        kota = session.scalar(select(func.count()).where(Worker.kecamatan_code == KOTA))
    assert len(rows) == result.rows == kota
    assert {r["Kecamatan"] for r in rows} == {"Kota Kefamenanu"}
    recap = export_workers(local, tmp_path / "rekap.xlsx", fmt=ExportFormat.RECAP)
    titles, counted = _recap_table(openpyxl.load_workbook(recap.path)["Per kecamatan"])
    assert [(r["Kecamatan"], r["Jumlah"]) for r in counted] == [
        ("Kota Kefamenanu", kota),
        ("JUMLAH", kota),
    ]
    assert "Hanya peserta di kecamatan yang boleh dilihat akun ini: Kota Kefamenanu." in titles


def test_a_viewer_may_not_export_and_would_see_niks_masked(
    ctx: ServiceContext, database_url: str, register: int, tmp_path: Path
) -> None:
    admin = first_admin(ctx, database_url)
    viewer = clerk(admin, database_url, "pengamat_ekspor", Role.VIEWER)
    with pytest.raises(PermissionDeniedError):
        export_workers(viewer, tmp_path / "tidak.xlsx")
    # Below the permission check the rows come through the viewer's scope: masked
    # (on PostgreSQL the viewer's database role could not read a NIK at all).
    path = tmp_path / "samar.xlsx"
    write_export(viewer, viewer.principal, path, WorkerQuery(), ExportFormat.LIST)
    rows = _rows(_sheet(path))
    assert len(rows) == 61
    for row in rows:
        assert str(row["NIK"])[4:12] == "********"
        assert row["No. KK"] is None or str(row["No. KK"])[4:12] == "********"
