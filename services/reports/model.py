"""A report as plain data: titled sections of tables, rendered alike to .xlsx and PDF.

Builders (one module per report) compute every figure once into a ``Report``;
the two renderers only lay it out, so the workbook and the PDF carry the same
numbers by construction. The GUI can show the same tables on screen.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from models.enums import FundingSource, ReportKind
from services.premiums.months import Period

REPORT_TITLES = {
    ReportKind.RECAP: "Rekapitulasi Kepesertaan per Kecamatan dan Desa",
    ReportKind.VILLAGE_LIST: "Daftar Peserta per Desa",
    ReportKind.PREMIUM: "Laporan Iuran Bulanan dan Rekonsiliasi Tagihan",
    ReportKind.CLAIMS: "Laporan Klaim",
    ReportKind.DATA_QUALITY: "Laporan Mutu Data Peserta",
}


class CellKind(StrEnum):
    TEXT = "text"
    COUNT = "count"  # whole number with thousands separators
    MONEY = "money"  # whole rupiah, the column header says "(Rp)"
    DATE = "date"


@dataclass(frozen=True, slots=True)
class Column:
    header: str
    kind: CellKind = CellKind.TEXT
    weight: float = 1.0  # share of the PDF page width, relative to the other columns
    wrap: bool = False  # long text may wrap in the PDF (names, reasons)


@dataclass(frozen=True, slots=True)
class Table:
    name: str  # the worksheet's name and the heading above the table in the PDF
    columns: tuple[Column, ...]
    rows: tuple[tuple[Any, ...], ...]
    total_rows: frozenset[int] = frozenset()  # indexes into rows, printed bold
    note: str | None = None  # under the table, e.g. how many more were left out

    @property
    def headers(self) -> list[str]:
        return [c.header for c in self.columns]


@dataclass(frozen=True, slots=True)
class Signature:
    """A signature block on the right: place and date, position, space, name."""

    place_date: str
    title: str
    name: str | None = None  # None: a dotted line to write the name on


@dataclass(frozen=True, slots=True)
class Section:
    heading: str | None
    tables: tuple[Table, ...]
    signature: Signature | None = None
    new_page: bool = False  # the PDF starts the section on a fresh page
    # "Desa/Kelurahan: Aplasi" lines under the title of a section that is a document of its
    # own (Report.document_per_section); the PDF prints them instead of the heading.
    particulars: tuple[tuple[str, str], ...] = ()
    closing: str | None = None  # the sentence above the signature


@dataclass(frozen=True, slots=True)
class ReportFilter:
    """What the clerk chose in the filter panel (or on the command line)."""

    period: Period | None = None
    kecamatan_code: str | None = None
    village_code: str | None = None
    funding: FundingSource | None = None


@dataclass(frozen=True, slots=True)
class Report:
    kind: ReportKind
    title: str
    subtitle: tuple[str, ...]  # district, date or period, the filter in words
    sections: tuple[Section, ...]
    notes: tuple[str, ...] = ()  # rules the figures follow, printed under the title
    landscape: bool = True
    # Workers (or claims) the report counts or lists; the audit record of an export says it.
    row_count: int = 0
    row_unit: str = "peserta"
    personal_data: bool = False  # lists people (names, NIKs): not just counts
    # Each section is a document of its own (a village's list, signed by its head): in the
    # PDF it starts on a new page under the kop and the title, numbered by itself.
    document_per_section: bool = False

    @property
    def tables(self) -> list[Table]:
        return [t for s in self.sections for t in s.tables]
