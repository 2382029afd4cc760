"""The five reports: totals equal to the register's own counts, the .xlsx re-read cell by
cell and the PDF parsed against the same figures, exports recorded (SQLite and PostgreSQL)."""

from __future__ import annotations

import json
import re
from datetime import date, datetime
from pathlib import Path
from typing import Any

import openpyxl
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_raw
import pytest
from pypdf import PdfReader
from reportlab.pdfbase import pdfmetrics
from sqlalchemy import func, select, update

from models import AuditEntry, Worker
from models.enums import FundingSource, Gender, WorkerStatus
from services.core.context import ServiceContext
from services.core.errors import SiRentanError
from services.core.permissions import PermissionDeniedError
from services.coverage_history import covered_on
from services.reports import CellKind, Report, ReportFilter, ReportKind, Table
from services.reports.service import build_report, preview_report, write_report
from services.settings.store import SettingsService
from services.text.formatting import short_date
from services.text.money import number
from services.text.pdf_fonts import load_fonts
from services.workers.demo_data import generate_demo_workers
from tests.factories import make_nik
from tests.integration.premium_helpers import VIEWER, Edge, add_worker, as_clerk, edge_register

TODAY = date(2026, 11, 24)
KOTA = "53.03.05"
BIBOKI = "53.03.06"
APLASI = "53.03.05.1002"


# -- helpers shared by the report tests ---------------------------------------------------


def sheet_rows(path: Path, report: Report, table: Table) -> list[list[Any]]:
    """The table's data rows as the workbook holds them, below its title and header rows."""
    book = openpyxl.load_workbook(path)
    names = [t.name for t in report.tables]
    sheet = book.worksheets[names.index(table.name)]
    section = next(s for s in report.sections if table in s.tables)
    header_row = 1 + len(report.subtitle) + (1 if section.heading else 0) + len(report.notes) + 2
    assert [c.value for c in sheet[header_row]] == table.headers
    assert sheet.freeze_panes == f"A{header_row + 1}"
    rows = []
    for index, row in enumerate(table.rows):
        cells = sheet[header_row + 1 + index]
        for cell, column in zip(cells, table.columns, strict=True):
            if column.kind in (CellKind.COUNT, CellKind.MONEY) and isinstance(cell.value, int):
                assert cell.number_format == "#,##0"
            if index in table.total_rows:
                assert cell.font.b
        rows.append([_plain(c.value) for c in cells])
        assert rows[-1] == [_plain(v) for v in row]
    return rows


def _plain(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.date()
    return "" if value is None else value


def pdf_text(path: Path) -> str:
    """Every page's text with whitespace collapsed, so a table row reads as one line."""
    text = " ".join(page.extract_text() for page in PdfReader(path).pages)
    return re.sub(r"\s+", " ", text)


def pdf_row(values: tuple[Any, ...]) -> str:
    """A row as the PDF prints it: numbers with thousands dots, dates dd-mm-yyyy."""
    parts = []
    for v in values:
        if v is None or v == "":
            continue
        if isinstance(v, int):
            parts.append(number(v))
        elif isinstance(v, date):
            parts.append(short_date(v))
        else:
            parts.append(str(v))
    return re.sub(r"\s+", " ", " ".join(parts))


def assert_same_in_both(
    ctx: ServiceContext, kind: ReportKind, tmp_path: Path, report_filter: ReportFilter
) -> Report:
    """Write the .xlsx and the PDF and check each table's rows in both."""
    xlsx = write_report(ctx, kind, tmp_path / "laporan.xlsx", report_filter, TODAY)
    pdf = write_report(ctx, kind, tmp_path / "laporan.pdf", report_filter, TODAY)
    assert xlsx.report == pdf.report
    text = pdf_text(pdf.path)
    for table in xlsx.report.tables:
        sheet_rows(xlsx.path, xlsx.report, table)
        for row in table.rows:
            assert pdf_row(row) in text, (table.name, row)
    assert xlsx.report.title.upper() in text
    assert len(PdfReader(pdf.path).pages) == pdf.pages
    assert_office_kop(ctx, pdf.path, text)
    return xlsx.report


def assert_office_kop(ctx: ServiceContext, path: Path, text: str) -> None:
    """The letters' kop, from the settings: emblem, government, office, town and postal code."""
    settings = SettingsService(ctx).get_all()
    for line in (
        f"PEMERINTAH {settings['district.kabupaten_name'].upper()}",
        settings["office.name"].upper(),
        settings["district.capital"].upper(),
        f"Kode Pos {settings['office.postal_code']}",
    ):
        assert line in text, line
    document = pdfium.PdfDocument(path)
    images = [o for o in document[0].get_objects() if o.type == pdfium_raw.FPDF_PAGEOBJ_IMAGE]
    document.close()
    assert images, "the emblem"


@pytest.fixture
def small(ctx: ServiceContext) -> Edge:
    """The edge-month register (five workers in Aplasi, Kota Kefamenanu) and one fisherman
    on Dana Desa in Kecamatan 53.03.06."""
    edge = edge_register(ctx)
    add_worker(
        ctx,
        6,
        date(2025, 7, 7),
        funding=FundingSource.DANA_DESA,
        village_code="53.03.06.2001",
        occupation_code="nelayan",
        gender=Gender.MALE,
        nik=make_nik(date(1990, 1, 2), Gender.MALE, 6, "530306"),
        birth_date=date(1990, 1, 2),
    )
    return edge


def _table(report: Report, name: str) -> Table:
    return next(t for t in report.tables if t.name == name)


# -- 1. recap ---------------------------------------------------------------------------


def test_recap_counts_by_hand(ctx: ServiceContext, small: Edge, tmp_path: Path) -> None:
    report = assert_same_in_both(ctx, ReportKind.RECAP, tmp_path, ReportFilter())
    table = _table(report, "Per kecamatan")
    headers = table.headers
    rows = {r[0]: dict(zip(headers, r, strict=True)) for r in table.rows}
    kota = rows["Kota Kefamenanu"]
    assert (kota["Jumlah"], kota["Aktif"], kota["Nonaktif"], kota["Meninggal"]) == (5, 4, 0, 1)
    # Covered on 24 November 2026: from 1 and 31 January, the province worker; the
    # breakdown counts them (not the one still "aktif" whose coverage ended in June 2025).
    assert (kota["Terlindungi"], kota["Laki-laki"], kota["Perempuan"]) == (3, 1, 2)
    assert (kota["Petani"], kota["APBD Kabupaten"], kota["APBD Provinsi"]) == (3, 2, 1)
    total = rows["JUMLAH"]
    assert (total["Jumlah"], total["Aktif"], total["Terlindungi"], total["Nelayan"]) == (6, 5, 4, 1)
    assert total["Dana Desa"] == 1 and report.row_count == 6 and not report.personal_data
    village = _table(report, "Per desa")
    assert village.rows[-1][2:] == table.rows[-1][1:]  # the same totals at both levels


def test_recap_totals_equal_the_register(ctx: ServiceContext, tmp_path: Path) -> None:
    generate_demo_workers(ctx, 300, seed=11)
    report = build_report(ctx, ReportKind.RECAP, today=TODAY)
    with ctx.session_factory() as session:
        expected = {
            "Jumlah": session.scalar(select(func.count()).select_from(Worker)),
            **{
                label: session.scalar(
                    select(func.count()).select_from(Worker).where(Worker.status == status)
                )
                for label, status in (
                    ("Aktif", WorkerStatus.ACTIVE),
                    ("Nonaktif", WorkerStatus.INACTIVE),
                    ("Meninggal", WorkerStatus.DECEASED),
                )
            },
            "Terlindungi": session.scalar(
                select(func.count()).select_from(Worker).where(covered_on(Worker.id, TODAY))
            ),
            "Laki-laki": session.scalar(
                select(func.count())
                .select_from(Worker)
                .where(covered_on(Worker.id, TODAY), Worker.gender == Gender.MALE)
            ),
        }
        per_kecamatan = dict(
            session.execute(
                select(Worker.kecamatan_code, func.count()).group_by(Worker.kecamatan_code)
            ).all()
        )
    table = _table(report, "Per kecamatan")
    total = dict(zip(table.headers, table.rows[-1], strict=True))
    assert {k: total[k] for k in expected} == expected
    assert total["Terlindungi"] == sum(
        total[f] for f in ("APBD Kabupaten", "APBD Provinsi", "Dana Desa", "Mandiri")
    )
    assert total["Terlindungi"] == total["Laki-laki"] + total["Perempuan"]
    names = {r[0]: r[1] for r in table.rows[:-1]}
    assert sorted(names.values()) == sorted(per_kecamatan.values())
    kota = build_report(ctx, ReportKind.RECAP, ReportFilter(kecamatan_code=KOTA), TODAY)
    assert _table(kota, "Per kecamatan").rows[-1][1] == per_kecamatan[KOTA]
    assert "Saringan: Kecamatan Kota Kefamenanu" in kota.subtitle


# -- 2. village list --------------------------------------------------------------------


def test_village_list_for_the_head_to_sign(
    ctx: ServiceContext, small: Edge, tmp_path: Path
) -> None:
    report = assert_same_in_both(
        ctx, ReportKind.VILLAGE_LIST, tmp_path, ReportFilter(village_code=APLASI)
    )
    [section] = report.sections
    [table] = section.tables
    # Covered on the list's date only: neither the one who died in March nor the one
    # whose coverage ended in June 2025 (still "aktif" in the register) is on the list.
    assert [r[0] for r in table.rows] == [1, 2, 3]
    assert {r[3] for r in table.rows} == {"L", "P"} and report.personal_data
    assert section.signature is not None and section.signature.title == "Lurah Aplasi"
    text = pdf_text(tmp_path / "laporan.pdf")
    # An official list: the kop (checked above), the title, what it lists, the closing
    # sentence and the lurah's signature with a dotted line for the name.
    for line in (
        "DAFTAR PESERTA PER DESA",
        "Kelurahan : Aplasi",
        "Kecamatan : Kota Kefamenanu",
        "Keadaan per : 24 November 2026",
        "Jumlah peserta terlindungi : 3 orang",
        "Demikian daftar ini dibuat dengan sebenarnya",
        "Aplasi, ........................ 2026 Lurah Aplasi",
        "(.....",
        "Daftar Peserta per Desa — Kelurahan Aplasi, Kecamatan Kota Kefamenanu — "
        "3 peserta terlindungi",
    ):
        assert line in text, line
    # One page: no page number ("Halaman 1 dari 1" tells the lurah nothing).
    assert "Halaman" not in text
    assert text.index("Demikian") > text.index(pdf_row(table.rows[-1]))
    # Rendered as a printer would: landscape A4 with ink on it.
    document = pdfium.PdfDocument(tmp_path / "laporan.pdf")
    image = document[0].render(scale=1).to_pil().convert("L")
    document.close()
    assert image.width == 842 and abs(image.height - 595) <= 1
    assert sum(image.histogram()[:128]) > 5_000


def test_a_long_unbroken_name_wraps_inside_its_column(
    sqlite_ctx: ServiceContext, tmp_path: Path
) -> None:
    """A name written without spaces breaks inside the Nama column: every piece of it ends
    left of where the NIK column's text starts, on every row."""
    long_name = "MARIAGORETTIYOHANNAFLORENTINADACOSTAMAUBANASIKOLOFALEN"
    add_worker(sqlite_ctx, 1, date(2025, 1, 1), village_code=APLASI, full_name=long_name)
    add_worker(sqlite_ctx, 2, date(2025, 1, 1), village_code=APLASI)
    path = tmp_path / "desa.pdf"
    write_report(
        sqlite_ctx, ReportKind.VILLAGE_LIST, path, ReportFilter(village_code=APLASI), TODAY
    )
    placed: list[tuple[float, str]] = []

    def visit(text: str, _cm: Any, tm: Any, _font: Any, _size: Any) -> None:
        if text.strip():
            placed.append((float(tm[4]), text.strip()))

    page = PdfReader(path).pages[0]
    page.extract_text(visitor_text=visit)
    nik_x = min(x for x, t in placed if re.fullmatch(r"\d{16}", t))
    pieces = [(x, t) for x, t in placed if t.isalpha() and t.isupper() and t in long_name]
    assert "".join(t for _, t in pieces if len(t) > 3).startswith(long_name[:20])
    assert len([t for _, t in pieces if len(t) > 3]) >= 2, "the name is broken into lines"
    for x, piece in pieces:
        assert x < nik_x, piece
        width = pdfmetrics.stringWidth(piece, load_fonts().condensed, _table_size(path))
        assert x + width <= nik_x, (piece, x, width, nik_x)


def _table_size(path: Path) -> float:
    """The table's font size on the first page (the largest size used by digits rows)."""
    sizes: list[float] = []

    def visit(text: str, _cm: Any, _tm: Any, _font: Any, size: Any) -> None:
        if re.fullmatch(r"\d{16}", text.strip()):
            sizes.append(float(size))

    PdfReader(path).pages[0].extract_text(visitor_text=visit)
    return max(sizes)


def test_village_list_needs_a_place_and_masks_nik_for_viewers(
    ctx: ServiceContext, small: Edge, tmp_path: Path
) -> None:
    with pytest.raises(SiRentanError) as caught:
        build_report(ctx, ReportKind.VILLAGE_LIST, ReportFilter(), TODAY)
    assert "Pilih desa/kelurahan" in caught.value.message
    with pytest.raises(SiRentanError):
        build_report(ctx, ReportKind.VILLAGE_LIST, ReportFilter(village_code="99.99"), TODAY)
    viewer = as_clerk(ctx, VIEWER)
    report = build_report(viewer, ReportKind.VILLAGE_LIST, ReportFilter(kecamatan_code=KOTA), TODAY)
    assert {r[2][4:12] for r in report.tables[0].rows} == {"********"}
    with pytest.raises(PermissionDeniedError):
        write_report(viewer, ReportKind.VILLAGE_LIST, tmp_path / "x.pdf", ReportFilter(), TODAY)


def test_each_village_is_a_document_of_its_own(sqlite_ctx: ServiceContext, tmp_path: Path) -> None:
    """A kecamatan's list: each village starts on a new page under the kop, and its pages
    are numbered by themselves, so each village head gets a whole document."""
    for serial in range(1, 61):
        add_worker(sqlite_ctx, serial, date(2025, 1, 1), village_code=APLASI)
    add_worker(sqlite_ctx, 61, date(2025, 1, 1), village_code="53.03.05.1001")
    path = tmp_path / "kota.pdf"
    result = write_report(
        sqlite_ctx, ReportKind.VILLAGE_LIST, path, ReportFilter(kecamatan_code=KOTA), TODAY
    )
    pages = [re.sub(r"\s+", " ", page.extract_text()) for page in PdfReader(path).pages]
    assert len(pages) == result.pages
    heads = ["PEMERINTAH KABUPATEN TIMOR TENGAH UTARA" in page for page in pages]
    aplasi = len(pages) - 1  # sixty names take more than one page
    assert aplasi > 1 and heads == [True] + [False] * (aplasi - 1) + [True]
    for number_, page in enumerate(pages[:aplasi], start=1):
        assert "Kelurahan Aplasi, Kecamatan Kota Kefamenanu — 60 peserta terlindungi" in page
        assert f"Halaman {number_} dari {aplasi}" in page
    assert "Kelurahan : Aplasi" in pages[0] and "Lurah Aplasi" in pages[aplasi - 1]
    # The one-page village next to it carries no page number; the several-page one does.
    assert "Halaman" not in pages[-1] and "Jumlah peserta terlindungi : 1 orang" in pages[-1]


def test_village_list_particulars_label_on_one_line(
    sqlite_ctx: ServiceContext, tmp_path: Path
) -> None:
    """The particulars' labels stand on one line each, the colon and the value on the
    same line: "Jumlah peserta terlindungi" once wrapped in its 42 mm column, justified,
    with its value beside the first half of the label."""
    add_worker(sqlite_ctx, 1, date(2025, 1, 1), village_code=APLASI)
    path = tmp_path / "aplasi.pdf"
    write_report(
        sqlite_ctx, ReportKind.VILLAGE_LIST, path, ReportFilter(village_code=APLASI), TODAY
    )
    document = pdfium.PdfDocument(path)
    try:
        text = document[0].get_textpage()
        runs = []
        for index in range(text.count_rects()):
            left, bottom, right, top = text.get_rect(index)
            runs.append((round(bottom), text.get_text_bounded(left, bottom, right, top).strip()))
    finally:
        document.close()
    assert [run for _, run in runs if run.startswith("Jumlah peserta")] == [
        "Jumlah peserta terlindungi"
    ], runs
    label = [bottom for bottom, run in runs if run.startswith("Jumlah peserta")]
    value = [bottom for bottom, run in runs if run.endswith("1 orang")]
    assert value and abs(value[0] - label[0]) <= 1, (label, value)


def test_a_kecamatan_gives_one_section_per_village(ctx: ServiceContext, small: Edge) -> None:
    report = build_report(ctx, ReportKind.VILLAGE_LIST, ReportFilter(kecamatan_code=BIBOKI), TODAY)
    assert len(report.sections) == 1 and report.row_count == 1
    assert report.sections[0].signature is not None


# -- exports are recorded --------------------------------------------------------------------


def test_every_report_file_is_an_export_event(
    ctx: ServiceContext, small: Edge, tmp_path: Path
) -> None:
    result = write_report(
        ctx, ReportKind.VILLAGE_LIST, tmp_path / "aplasi.pdf", ReportFilter(village_code=APLASI)
    )
    with ctx.session_factory() as session:
        event = session.scalars(select(AuditEntry).where(AuditEntry.entity == "report")).one()
    assert event.action == "export" and event.user_name == "petugas1"
    details = json.loads(event.changes or "{}")
    assert details == {
        "report": "village-list",
        "filter": {"village_code": APLASI},
        "rows": 3,
        "personal_data": True,
        "file": "aplasi.pdf",
    }
    assert result.path.exists() and not list(tmp_path.glob(".*.tmp"))
    with pytest.raises(SiRentanError):
        write_report(ctx, ReportKind.RECAP, tmp_path / "rekap.docx")


def test_a_preview_is_recorded_as_a_save_is(
    ctx: ServiceContext, small: Edge, tmp_path: Path
) -> None:
    """The preview names the same people: the same record, marked as a preview, for any
    clerk who may read the register (a viewer, whose list masks NIKs)."""
    viewer = as_clerk(ctx, VIEWER)
    result = preview_report(
        viewer,
        ReportKind.VILLAGE_LIST,
        tmp_path / "p.pdf",
        ReportFilter(village_code=APLASI),
        TODAY,
    )
    assert result.pages == len(PdfReader(result.path).pages) == 1
    assert "********" in pdf_text(result.path) and result.report.personal_data
    preview_report(ctx, ReportKind.RECAP, tmp_path / "r.pdf", ReportFilter(), TODAY)
    with ctx.session_factory() as session:
        events = session.scalars(
            select(AuditEntry).where(AuditEntry.entity == "report").order_by(AuditEntry.id)
        ).all()
    assert [(e.action, e.user_name) for e in events] == [
        ("export", VIEWER.username),
        ("export", "petugas1"),
    ]
    assert json.loads(events[0].changes or "{}") == {
        "report": "village-list",
        "filter": {"village_code": APLASI},
        "rows": 3,
        "personal_data": True,
        "preview": True,
    }
    assert events[0].summary == "Pratinjau laporan Daftar Peserta per Desa (3 peserta)"
    assert json.loads(events[1].changes or "{}")["personal_data"] is False
    assert not list(tmp_path.glob(".*.tmp"))


# -- 5. data quality --------------------------------------------------------------------------


def test_data_quality_finds_what_to_fix(ctx: ServiceContext, small: Edge, tmp_path: Path) -> None:
    # From outside the kabupaten; a twin of the first worker (same name and birth date);
    # no KPJ and no heirs; a village that is not in its recorded kecamatan.
    outside_nik = make_nik(date(1985, 7, 12), Gender.FEMALE, 7, "530401")
    add_worker(ctx, 7, date(2025, 1, 1), nik=outside_nik)
    # Serial 11 is named like serial 1 ("MARIA GORETI TAEK B"), born the same day.
    add_worker(ctx, 11, date(2025, 1, 1), kpj=None, heirs=[])
    # Status aktif but not covered on the report's date (no period; a period that ended):
    # no KPJ or heirs is asked of them, as the coverage history says, not the status.
    add_worker(ctx, 12, None, kpj=None, heirs=[], full_name="Yakobus Nahak")
    add_worker(
        ctx, 13, date(2024, 1, 1), date(2024, 12, 31), kpj=None, heirs=[], full_name="Paulus Manek"
    )
    with ctx.engine.begin() as conn:
        conn.execute(
            update(Worker).where(Worker.id == small.province).values(kecamatan_code=BIBOKI)
        )
    report = assert_same_in_both(ctx, ReportKind.DATA_QUALITY, tmp_path, ReportFilter())
    summary = _table(report, "Ringkasan")
    total = dict(zip(summary.headers, summary.rows[-1], strict=True))
    assert total == {
        "Kecamatan": "JUMLAH",
        "Peserta": 10,
        "Peringatan NIK": 1,
        "Terlindungi tanpa No. KPJ": 1,
        "Desa tidak sesuai": 1,
        "Kemungkinan ganda": 2,
        "Terlindungi tanpa ahli waris": 1,
    }
    assert [r[0] for r in _table(report, "Terlindungi tanpa No. KPJ").rows] == [
        "MARIA GORETI TAEK B"
    ]
    nik = _table(report, "Peringatan NIK")
    assert [r[4] for r in nik.rows] == ["NIK dari luar kabupaten"]
    twins = _table(report, "Kemungkinan data ganda")
    assert [r[0] for r in twins.rows] == ["MARIA GORETI TAEK B"] * 2
    assert [r[1] for r in nik.rows] == [outside_nik]
    assert _table(report, "Desa tidak sesuai kecamatan").rows[0][3] != "Kota Kefamenanu"
    assert report.personal_data
