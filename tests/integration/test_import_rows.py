"""Each row of a messy village list gets the right status and every reason (both engines)."""

# The test lists are tables, one spreadsheet row per line; wrapping them would hide the columns.
# ruff: noqa: E501

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from sqlalchemy import func, select

from models import Setting, Worker
from models.enums import FundingSource, Gender, OnExisting
from services.core.context import ServiceContext
from services.excel_import import (
    ImportOptions,
    ImportResult,
    RowResult,
    RowStatus,
    commit_import,
    dry_run,
    read_import_file,
    write_report,
)
from services.workers.service import WorkerService
from tests.factories import make_nik, worker_input
from tests.integration.test_import_reading import save_workbook, titled
from tests.present import present

HEADER = [
    "No",
    "No. KTP",
    "Nama",
    "Tanggal Lahir",
    "JK",
    "Desa/Kel",
    "Kec",
    "Pekerjaan",
    "Telepon",
    "Sumber Dana",
]
JULY_12 = date(1985, 7, 12)
MARIA = make_nik(JULY_12, Gender.FEMALE, 1)  # 5303055207850001
YOHANES = make_nik(JULY_12, Gender.MALE, 2)  # 5303051207850002
KOTA = "Kota Kefamenanu"


def nik(
    day: int, serial: int, gender: Gender = Gender.MALE, kecamatan: str = "530305", month: int = 7
) -> str:
    return make_nik(date(1985, month, day), gender, serial, kecamatan)


# Row 8 is the first row below the header (row 7).
MESSY_ROWS: list[list[Any]] = [
    ["(1)", "(2)", "(3)", "(4)", "(5)", "(6)", "(7)", "(8)", "(9)", "(10)"],
    [1, "5303 0552 0785 0001", "  maria   goreti ", JULY_12, "P", "Kelurahan Aplasi", KOTA, "tani", "0812-3456-7890", ""],
    [2, float(YOHANES), "Yohanes Taek", "12-07-1985", "Laki-laki", "desa aplasi", KOTA, "ojek", 81234567891.0, "APBD Provinsi"],
    [3, 5303051507850010.0, "Kornelis Neno", "15/07/1985", "L", "Aplasi", KOTA, "petani", "", ""],
    [4, "5.30305E+15", "Paulus Sanam", "16 Juli 1985", "Pria", "Aplasi", KOTA, "nelayan", "", ""],
    [5, "'5303051607850000", "Petrus Kase", "16 Jul 1985", "L", "Aplasi", KOTA, "petani", "", ""],
    [6, nik(17, 6), "Markus Bani", "18/07/1985", "L", "Aplasi", KOTA, "petani", "", ""],
    [7, nik(19, 7), "Yuliana Abi", "19 Juli 1985", "Perempuan", "Aplasi", KOTA, "petani", "", ""],
    [8, nik(20, 8, kecamatan="530105"), "Simon Taus", "20-07-1985", "L", "Aplasi", KOTA, "petani", "", ""],
    [9, nik(21, 9, kecamatan="530399"), "Andreas Kolo", "21-07-1985", "L", "Aplasi", KOTA, "petani", "", ""],
    [10, nik(22, 10, kecamatan="530311", month=8), "Lukas Nahak", "22 Agu 1985", "L", "DS.  n i a n", "", "Peternak", "", ""],
    [11, nik(23, 11, kecamatan="530301", month=8), "Blasius Metan", "23 Agus 1985", "L", "53.03.01.1006", "", "tani", "", ""],
    [12, nik(24, 12), "Gabriel Sau", "24-07-1985", "L", "Desa Aplasx", KOTA, "tani", "", ""],
    [13, nik(25, 13), "Fidelis Atok", "25-07-1985", "L", "Kel. Aplasi", KOTA, "guru honorer", "", ""],
    [14, nik(26, 14), "Ignasius Bria", "26-07-1985", "X", "Aplasi", KOTA, "tani", "", "Bantuan"],
    [15, nik(27, 15), "Stefanus Lake", "31-02-1985", "L", "Aplasi", KOTA, "tani", "", ""],
    [16, YOHANES, "Yohanes T.", "12-07-1985", "L", "Aplasi", KOTA, "tani", "", ""],
    [17, make_nik(JULY_12, Gender.FEMALE, 17), "Maria Goreti", "12 Juli 1985", "P", "Aplasi", KOTA, "tani", "", ""],
    ["", "JUMLAH", "", "", "", "", "", "", "", ""],
    [],
    ["", "", "", "", "", "", "Kefamenanu, 7 Juli 2025", "", "", ""],
    ["", "", "", "", "", "", "Kepala Kelurahan Aplasi", "", "", ""],
    ["", "", "", "", "", "", "YOSEF TAEK", "", "", ""],
]  # fmt: skip


def messy_file(tmp_path: Path) -> Path:
    return save_workbook(
        tmp_path / "daftar_aplasi.xlsx",
        titled(MESSY_ROWS, HEADER),
        merged=["A1:J1", "A2:J2", "A3:J3"],
    )


def by_row(result: ImportResult) -> dict[int, RowResult]:
    return {r.row: r for r in result.rows}


def expect(rows: dict[int, RowResult], row: int, status: RowStatus, *fragments: str) -> None:
    found = rows[row]
    text = " | ".join(found.messages)
    assert found.status is status, f"row {row}: {found.status} {text}"
    for fragment in fragments:
        assert fragment in text, f"row {row}: {fragment!r} not in {text!r}"


def test_every_row_of_a_messy_list_gets_its_status_and_reasons(
    ctx: ServiceContext, tmp_path: Path
) -> None:
    result = dry_run(ctx, read_import_file(messy_file(tmp_path)))
    rows = by_row(result)
    expect(rows, 8, RowStatus.IGNORED, "nomor kolom")
    expect(rows, 9, RowStatus.NEW)
    assert rows[9].nik == MARIA and rows[9].full_name == "MARIA GORETI"
    expect(rows, 10, RowStatus.NEW)
    assert rows[10].nik == YOHANES
    expect(rows, 11, RowStatus.REJECTED, "terbaca sebagai angka", "15 angka")
    expect(rows, 12, RowStatus.REJECTED, "format ilmiah Excel")
    expect(rows, 13, RowStatus.REJECTED, "Nomor urut pada NIK")
    expect(rows, 14, RowStatus.WARNING, "NIK menunjukkan tanggal lahir 17-07-85")
    expect(rows, 15, RowStatus.WARNING, "NIK menunjukkan laki-laki")
    expect(rows, 16, RowStatus.WARNING, "di luar Kabupaten Timor Tengah Utara (53.03")
    expect(rows, 17, RowStatus.WARNING, "Kode kecamatan pada NIK (53.03.99)")
    expect(rows, 18, RowStatus.NEW)
    expect(rows, 19, RowStatus.WARNING, "kode lama", "53.03.01.2006")
    expect(rows, 20, RowStatus.REJECTED, "'Desa Aplasx' tidak ditemukan", "Kelurahan Aplasi")
    expect(rows, 21, RowStatus.WARNING, "'guru honorer'", "Lainnya")
    expect(rows, 22, RowStatus.REJECTED, "Jenis kelamin 'X'", "Sumber dana 'Bantuan'")
    expect(rows, 23, RowStatus.REJECTED, "'31-02-1985' tidak ada dalam kalender")
    expect(rows, 24, RowStatus.REJECTED, f"NIK {YOHANES} sudah ada di baris 10")
    expect(rows, 25, RowStatus.WARNING, f"NIK {MARIA}", "baris 9 berkas ini")
    assert rows[25].twin_nik == MARIA
    expect(rows, 26, RowStatus.IGNORED, "jumlah")
    expect(rows, 27, RowStatus.IGNORED, "kosong")
    expect(rows, 28, RowStatus.IGNORED, "tanda tangan")
    expect(rows, 29, RowStatus.IGNORED, "tanda tangan")
    expect(rows, 30, RowStatus.IGNORED, "penutup")
    assert result.counts.as_dict() == {
        "new": 3,
        "update": 0,
        "warning": 7,
        "rejected": 7,
        "ignored": 6,
    }
    assert result.to_write == 10 and not result.committed
    with ctx.session_factory() as session:
        assert session.scalar(select(func.count()).select_from(Worker)) == 0


def test_committed_rows_hold_the_normalised_values(ctx: ServiceContext, tmp_path: Path) -> None:
    source = read_import_file(messy_file(tmp_path))
    options = ImportOptions(
        default_funding=FundingSource.DANA_DESA, coverage_start=date(2025, 7, 7)
    )
    result = commit_import(ctx, source, options=options)
    assert result.committed and result.inserted == 10 and result.twins_recorded == 1
    with ctx.session_factory() as session:
        maria = session.scalars(select(Worker).where(Worker.nik == MARIA)).one()
        yohanes = session.scalars(select(Worker).where(Worker.nik == YOHANES)).one()
        nian = session.scalars(select(Worker).where(Worker.full_name == "LUKAS NAHAK")).one()
        bitefa = session.scalars(select(Worker).where(Worker.full_name == "BLASIUS METAN")).one()
        guru = session.scalars(select(Worker).where(Worker.full_name == "FIDELIS ATOK")).one()
    assert (maria.full_name, maria.birth_date, maria.gender) == (
        "MARIA GORETI",
        JULY_12,
        Gender.FEMALE,
    )
    assert (maria.village_code, maria.kecamatan_code) == ("53.03.05.1002", "53.03.05")
    assert maria.phone == "081234567890" and maria.funding is FundingSource.DANA_DESA
    assert maria.coverage_start == date(2025, 7, 7)
    assert yohanes.phone == "081234567891" and yohanes.funding is FundingSource.APBD_PROVINSI
    assert nian.village_code == "53.03.11.2005"
    assert bitefa.village_code == "53.03.01.2006"
    assert guru.occupation_id == 9  # lainnya


def test_same_named_villages_are_told_apart_by_the_kecamatan(
    ctx: ServiceContext, tmp_path: Path
) -> None:
    # TTU has no two villages of one name; its neighbour TTS (53.02) has three Oinlasi.
    with ctx.session_factory() as session:
        session.add(Setting(key="district.kabupaten_code", value="53.02"))
        session.commit()
    header = ["NIK", "Nama", "Tgl Lahir", "L/P", "Desa", "Kecamatan", "Pekerjaan"]
    oinlasi = [
        [nik(1, 1, kecamatan="530202"), "Ana", "01-07-1985", "L", "Oinlasi", "Mollo Selatan", "tani"],
        [nik(2, 2, kecamatan="530208"), "Beni", "02-07-1985", "L", "Desa Oinlasi", "Kec. Amanatun Selatan", "tani"],
        [nik(3, 3, kecamatan="530202"), "Cici", "03-07-1985", "L", "Oinlasi", "", "tani"],
        [nik(4, 4, kecamatan="530202"), "Dedi", "04-07-1985", "L", "Oinlasi", "Amanuban Timur", "tani"],
    ]  # fmt: skip
    path = save_workbook(tmp_path / "tts.xlsx", [header, *oinlasi])
    rows = by_row(dry_run(ctx, read_import_file(path)))
    expect(rows, 2, RowStatus.NEW)
    expect(rows, 3, RowStatus.NEW)
    expect(
        rows, 4, RowStatus.REJECTED, "Ada 3 desa/kelurahan bernama 'Oinlasi'", "isi kolom Kecamatan"
    )
    expect(rows, 5, RowStatus.REJECTED, "tidak ada di Kecamatan Amanuban Timur")
    committed = commit_import(ctx, read_import_file(path))
    assert committed.inserted == 2
    with ctx.session_factory() as session:
        codes = session.scalars(select(Worker.village_code).order_by(Worker.full_name)).all()
    assert codes == ["53.02.02.2008", "53.02.08.2001"]


def _register(ctx: ServiceContext, serial: int, **changes: Any) -> int:
    return WorkerService(ctx).create(worker_input(serial, **changes)).worker.id


def test_a_registered_nik_is_an_update_listing_what_would_change(
    ctx: ServiceContext, tmp_path: Path
) -> None:
    registered = worker_input(1)
    worker_id = _register(ctx, 1)
    header = ["NIK", "Nama", "Tgl Lahir", "L/P", "Desa", "Pekerjaan", "No HP", "Alamat"]
    row = [
        registered.nik,
        "Maria Goreti Bano",
        registered.birth_date,
        "P",
        "Aplasi",
        "ojek",
        "081299998888",
        "",
    ]
    path = save_workbook(tmp_path / "ulang.xlsx", [header, row])
    source = read_import_file(path)
    skipped = dry_run(ctx, source)
    found = skipped.rows[0]
    assert found.status is RowStatus.UPDATE and found.worker_id == worker_id
    assert {c.field for c in found.changes} == {"full_name", "occupation_id", "phone"}
    assert (
        "dilewati" in found.messages[0] and "Pekerjaan: Petani → Tukang ojek" in found.messages[0]
    )
    assert commit_import(ctx, source).updated == 0
    updating = ImportOptions(on_existing=OnExisting.UPDATE)
    result = commit_import(ctx, source, options=updating)
    assert result.updated == 1 and result.inserted == 0
    detail = WorkerService(ctx).get(worker_id)
    assert (detail.full_name, detail.occupation_code, detail.phone) == (
        "MARIA GORETI BANO",
        "tukang_ojek",
        "081299998888",
    )
    # The blank Alamat cell kept the stored address; the version moved on.
    assert detail.address == "Jl. Sonbai" and detail.version == 2
    again = dry_run(ctx, source, options=updating).rows[0]
    assert again.status is RowStatus.UPDATE and again.changes == ()
    assert "datanya sama" in again.messages[0]


def test_a_twin_already_in_the_register_is_named(ctx: ServiceContext, tmp_path: Path) -> None:
    _register(ctx, 1)
    registered = worker_input(1)
    other = make_nik(present(registered.birth_date), Gender.FEMALE, 77)
    header = ["NIK", "Nama", "Tgl Lahir", "L/P", "Desa", "Pekerjaan"]
    row = [
        other,
        registered.full_name.lower(),
        registered.birth_date,
        "P",
        "Kelurahan Aplasi",
        "tani",
    ]
    result = dry_run(ctx, read_import_file(save_workbook(tmp_path / "kembar.xlsx", [header, row])))
    expect(by_row(result), 2, RowStatus.WARNING, f"NIK {registered.nik}", "sudah terdaftar")


def test_a_kpj_registered_to_someone_else_is_refused(ctx: ServiceContext, tmp_path: Path) -> None:
    _register(ctx, 1)
    header = ["NIK", "Nama", "Tgl Lahir", "L/P", "Desa", "Pekerjaan", "No. KPJ"]
    row = [nik(5, 5), "Baru", "05-07-1985", "L", "Aplasi", "tani", "00000000001"]
    result = dry_run(ctx, read_import_file(save_workbook(tmp_path / "kpj.xlsx", [header, row])))
    expect(by_row(result), 2, RowStatus.REJECTED, "No. KPJ 00000000001 sudah terdaftar")


def test_csv_with_semicolons_in_windows_1252(ctx: ServiceContext, tmp_path: Path) -> None:
    lines = [
        "NIK;Nama Lengkap;Tgl Lahir;L/P;Desa;Kecamatan;Pekerjaan",
        f"{MARIA};JOSÉ MARÍA;12/07/1985;P;Aplasi;Kota Kefamenanu;Petani",
        f"{YOHANES};YOHANES;12-07-1985;L;Aplasi;Kota Kefamenanu;tani",
        "JUMLAH;;;;;;",
    ]
    path = tmp_path / "daftar.csv"
    path.write_bytes("\r\n".join(lines).encode("cp1252"))
    result = commit_import(ctx, read_import_file(path))
    assert result.counts.as_dict() == {
        "new": 2,
        "update": 0,
        "warning": 0,
        "rejected": 0,
        "ignored": 1,
    }
    with ctx.session_factory() as session:
        assert session.scalar(select(Worker.full_name).where(Worker.nik == MARIA)) == "JOSÉ MARÍA"


@pytest.mark.parametrize("rows", [10_000])
def test_a_ten_thousand_row_file(ctx: ServiceContext, tmp_path: Path, rows: int) -> None:
    header = ["NIK", "Nama", "Tgl Lahir", "L/P", "Desa", "Kecamatan", "Pekerjaan"]
    data = [
        [make_nik(date(1960 + i % 40, 1 + i % 12, 1 + i % 28), Gender.MALE, 1 + i // 480), f"Peserta {chr(65 + i % 26)}", date(1960 + i % 40, 1 + i % 12, 1 + i % 28), "L", "Aplasi", KOTA, "tani"]
        for i in range(rows)
    ]  # fmt: skip
    path = save_workbook(tmp_path / "besar.xlsx", [header, *data])
    with ctx.session_factory() as session:
        session.add(Setting(key="import.approval_threshold", value="20000"))
        session.commit()
    source = read_import_file(path)
    preview = dry_run(ctx, source)
    assert preview.counts.rejected == 0 and preview.counts.new + preview.counts.warning == rows
    result = commit_import(ctx, source)
    assert result.inserted == rows
    with ctx.session_factory() as session:
        assert session.scalar(select(func.count()).select_from(Worker)) == rows


def test_the_report_puts_rejected_rows_first_and_keeps_formulas_as_text(
    ctx: ServiceContext, tmp_path: Path
) -> None:
    lines = [
        "NIK;Nama;Tgl Lahir;L/P;Desa;Pekerjaan;Alamat",
        f'{MARIA};MARIA;12/07/1985;P;Aplasi;tani;=HYPERLINK("http://contoh.invalid")',
        "5303051207850000;KORNELIS;12/07/1985;L;Aplasi;tani;@SUM(A1)",
    ]
    path = tmp_path / "rumus.csv"
    path.write_text("\n".join(lines), encoding="utf-8")
    source = read_import_file(path)
    report = write_report(dry_run(ctx, source), source, tmp_path / "hasil.xlsx")
    sheet = openpyxl.load_workbook(report).active
    assert [sheet.cell(row=r, column=2).value for r in (5, 6)] == ["Ditolak", "Baru"]
    assert sheet["A5"].value == 3 and "Nomor urut pada NIK" in str(sheet["C5"].value)
    for cell in (sheet["J5"], sheet["J6"]):
        assert cell.data_type == "s" and str(cell.value).startswith(("=", "@"))
