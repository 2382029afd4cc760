"""BPJS's Excel list of the participants behind a bill, imported for the drill-down.

The file is read by the importer's tolerant readers (services/excel_import: any
header row, merged title cells, .xlsx or CSV, NIKs damaged by Excel recognised).
Each row keeps its NIK, KPJ and name as BPJS wrote them; the database then
matches rows to workers by NIK, else by KPJ. A bill has at most one list: a
new import replaces the previous one in the same transaction.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import delete, func, insert, select, update
from sqlalchemy.orm import Session

from models import Worker
from models.premium import BpjsList, BpjsListEntry, PremiumBill
from services.audit.trail import record_event
from services.core.context import ServiceContext
from services.core.errors import NotFoundError
from services.core.office_time import office_today_of
from services.core.permissions import Permission
from services.core.unit_of_work import unit_of_work
from services.excel_import.headers import (
    COVERAGE_START,
    FULL_NAME,
    KPJ,
    NIK,
    find_header,
    suggest_mapping,
)
from services.excel_import.reading import RawSheet, open_file
from services.excel_import.types import ImportFileError
from services.excel_import.values import as_text, is_blank, parse_date
from services.premiums.types import BpjsListResult
from services.workers.nik import normalize_nik

CHUNK = 5_000
KPJ_DIGITS = 11
_NON_DIGITS = re.compile(r"\D")
_TOTAL_ROW = re.compile(r"^\s*(jumlah|total|grand total)\b", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class ListRows:
    entries: list[dict[str, Any]]
    unreadable: list[int]  # Excel row numbers


def import_bpjs_list(
    ctx: ServiceContext, bill_id: int, path: Path | str, sheet: str | None = None
) -> BpjsListResult:
    """Read the file first (nothing changes if it cannot be read), then store and match it."""
    ctx.require(Permission.PREMIUMS)
    path = Path(path)
    raw = open_file(path)
    rows = read_list(raw.sheet(sheet), path.name, office_today_of(ctx).year)
    with unit_of_work(ctx) as session:
        bill = session.get(PremiumBill, bill_id)
        if bill is None:
            raise NotFoundError(f"Tagihan nomor data {bill_id} tidak ditemukan.")
        replaced = _drop_previous(session, bill_id)
        stored = BpjsList(
            bill_id=bill_id,
            file_name=path.name[:255],
            file_sha256=raw.sha256,
            sheet_name=sheet or (raw.sheet_names[0] if raw.sheet_names else None),
            row_count=len(rows.entries),
            unreadable_count=len(rows.unreadable),
            imported_by=ctx.user_name,
        )
        session.add(stored)
        session.flush()
        for start in range(0, len(rows.entries), CHUNK):
            chunk = rows.entries[start : start + CHUNK]
            session.execute(insert(BpjsListEntry), [{**e, "list_id": stored.id} for e in chunk])
        matched = _match(session, stored.id)
        # Imported here: the coverage history is not needed to read a list.
        from services.premiums.bpjs_coverage import apply_registrations

        registration = apply_registrations(session, stored.id, ctx.user_name)
        record_event(
            session,
            "import",
            "bpjs_list",
            stored.id,
            f"Daftar peserta BPJS tagihan {bill.bill_number}: {len(rows.entries)} baris, "
            f"{matched} cocok dengan register",
            {
                "bill_id": bill_id,
                "file": path.name,
                "rows": len(rows.entries),
                "matched": matched,
                "unreadable": len(rows.unreadable),
                "replaced": replaced,
                "periods_opened": registration.periods_opened,
                "periods_moved": registration.periods_moved,
                "kpj_recorded": registration.kpj_recorded,
            },
        )
        return BpjsListResult(
            stored.id,
            bill_id,
            len(rows.entries),
            matched,
            tuple(rows.unreadable),
            replaced,
            periods_opened=registration.periods_opened,
            periods_moved=registration.periods_moved,
            kpj_recorded=registration.kpj_recorded,
            coverage_refused=tuple(registration.refused),
        )


def read_list(sheet: RawSheet, file_name: str, this_year: int) -> ListRows:
    """The list's rows (``this_year``, the office's, places a two-digit year of a TMT)."""
    grid = sheet.grid
    guess = find_header(grid, sheet.merged)
    if guess is None:
        raise ImportFileError(
            f"Baris judul kolom (NIK, No. KPJ, Nama) tidak ditemukan di {file_name}. "
            "Pastikan lembar pertama berisi daftar peserta dari BPJS."
        )
    columns = suggest_mapping(guess.headers).columns
    if NIK not in columns and KPJ not in columns:
        raise ImportFileError(
            f"Kolom NIK atau No. KPJ tidak ditemukan di {file_name}; tanpa salah satunya "
            "peserta tidak dapat dicocokkan dengan register."
        )
    entries: list[dict[str, Any]] = []
    unreadable: list[int] = []
    for index in range(guess.data_start, len(grid)):
        row = grid[index]
        nik_cell, kpj_cell = _cell(row, columns.get(NIK)), _cell(row, columns.get(KPJ))
        name = as_text(_cell(row, columns.get(FULL_NAME)))
        tmt, _ = parse_date(_cell(row, columns.get(COVERAGE_START)), "TMT", this_year)
        nik, kpj = _nik(nik_cell), _kpj(kpj_cell)
        if nik is None and kpj is None:
            numbers_blank = is_blank(nik_cell) and is_blank(kpj_cell)
            if numbers_blank and (name is None or _TOTAL_ROW.match(name)):
                continue  # a blank line or the list's total
            unreadable.append(index + 1)
        entries.append(
            {
                "row_number": index + 1,
                "nik": nik,
                "kpj": kpj,
                "full_name": name[:120] if name else None,
                "tmt": tmt,
            }
        )
    return ListRows(entries, unreadable)


def _cell(row: list[Any], column: int | None) -> Any:
    if column is None or column >= len(row):
        return None
    return row[column]


def _nik(value: Any) -> str | None:
    if is_blank(value):
        return None
    normalized = normalize_nik(value)
    return None if normalized.has_errors else normalized.value


def _kpj(value: Any) -> str | None:
    digits = _NON_DIGITS.sub("", as_text(value) or "")
    if not digits or len(digits) > 20:
        return None
    # A KPJ typed into a number cell loses its leading zeros.
    if isinstance(value, int | float) and len(digits) < KPJ_DIGITS:
        digits = digits.zfill(KPJ_DIGITS)
    return digits


def _drop_previous(session: Session, bill_id: int) -> bool:
    previous = session.scalar(select(BpjsList.id).where(BpjsList.bill_id == bill_id))
    if previous is None:
        return False
    session.execute(delete(BpjsListEntry).where(BpjsListEntry.list_id == previous))
    session.execute(delete(BpjsList).where(BpjsList.id == previous))
    return True


def _match(session: Session, list_id: int) -> int:
    """Rows to workers, by NIK first, then by KPJ; the number of rows matched."""
    e, w = BpjsListEntry.__table__, Worker.__table__
    session.execute(
        update(e)
        .where(e.c.list_id == list_id, e.c.nik.is_not(None))
        .values(worker_id=select(w.c.id).where(w.c.nik == e.c.nik).scalar_subquery())
    )
    session.execute(
        update(e)
        .where(e.c.list_id == list_id, e.c.worker_id.is_(None), e.c.kpj.is_not(None))
        .values(worker_id=select(w.c.id).where(w.c.kpj == e.c.kpj).scalar_subquery())
    )
    matched = session.scalar(
        select(func.count()).where(e.c.list_id == list_id, e.c.worker_id.is_not(None))
    )
    return int(matched or 0)
