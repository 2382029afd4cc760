"""The columns of the worker list: title, sort key, text, and a sample for the width."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from services.text.formatting import short_date
from services.text.labels import FUNDING, GENDER, WORKER_STATUS
from services.workers.types import SortKey, WorkerRow


@dataclass(frozen=True, slots=True)
class Column:
    title: str
    sort_key: str | None
    text: Callable[[WorkerRow], str]
    # The widest usual content, so the view can size the column from the font.
    sample: str
    tooltip: str = ""
    centered: bool = False
    # Names of places and jobs may be longer than the column; the tooltip shows them whole.
    full_text_tooltip: bool = False


COLUMNS: tuple[Column, ...] = (
    Column("NIK", SortKey.NIK, lambda r: r.nik, "5303055207850001"),
    Column(
        "Nama", SortKey.NAME, lambda r: r.full_name, "MARIA GORETI TAEK", full_text_tooltip=True
    ),
    Column("No. KPJ", SortKey.KPJ, lambda r: r.kpj or "", "00000000001"),
    Column(
        "L/P",
        None,
        lambda r: r.gender.value,
        "L/P",
        tooltip="Jenis kelamin: L = laki-laki, P = perempuan",
        centered=True,
    ),
    Column("Tgl lahir", SortKey.BIRTH_DATE, lambda r: short_date(r.birth_date), "31-12-1985"),
    Column(
        "Desa/Kel.",
        SortKey.VILLAGE,
        lambda r: r.village_name,
        "Humusu Oekolo",
        full_text_tooltip=True,
    ),
    Column(
        "Kecamatan",
        SortKey.KECAMATAN,
        lambda r: r.kecamatan_name,
        "Miomaffo Barat",
        full_text_tooltip=True,
    ),
    Column(
        "Pekerjaan",
        SortKey.OCCUPATION,
        lambda r: r.occupation_name,
        "Pedagang kecil",
        full_text_tooltip=True,
    ),
    Column("Sumber dana", SortKey.FUNDING, lambda r: FUNDING[r.funding], "APBD Kabupaten"),
    Column("Status", SortKey.STATUS, lambda r: WORKER_STATUS[r.status], "Meninggal"),
    Column(
        "Akhir kepesertaan",
        SortKey.COVERAGE_END,
        lambda r: short_date(r.coverage_end),
        "31-12-2025",
    ),
)


def _index(title: str) -> int:
    return next(i for i, c in enumerate(COLUMNS) if c.title == title)


NAME_COLUMN = _index("Nama")
GENDER_COLUMN = _index("L/P")
STATUS_COLUMN = _index("Status")
COVERAGE_END_COLUMN = _index("Akhir kepesertaan")


def column_of(sort_key: str) -> int:
    return next(i for i, c in enumerate(COLUMNS) if c.sort_key == sort_key)


def gender_label(row: WorkerRow) -> str:
    return GENDER[row.gender]
