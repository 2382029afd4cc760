"""The columns of each export: header text, width floor, and how a row gives its value.

A row here is the worker as read through the clerk's scope (services.workers.search.Scope),
so a NIK is whatever the clerk may see: whole, or masked for a viewer.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from services.core.errors import SiRentanError
from services.text.labels import FUNDING, GENDER, WORKER_STATUS

BPJS_COLUMNS_KEY = "export.bpjs_columns"
BPJS_PROGRAM_KEY = "export.bpjs_program"
DEFAULT_BPJS_PROGRAM = "JKK, JKM"  # the Lookups' own default; the setting's is in the catalogue


@dataclass(frozen=True, slots=True)
class Lookups:
    """Names for the codes a worker row holds, loaded once per export."""

    region_names: dict[str, str]
    occupation_names: dict[int, str]
    program: str = DEFAULT_BPJS_PROGRAM


Getter = Callable[[Any, Lookups], Any]


@dataclass(frozen=True, slots=True)
class Column:
    key: str
    header: str
    get: Getter


def _address(r: Any, _: Lookups) -> str | None:
    parts = [r.address or ""]
    if r.rt or r.rw:
        parts.append(f"RT {r.rt or '-'}/RW {r.rw or '-'}")
    text = " ".join(p for p in parts if p).strip()
    return text or None


def _rt_rw(r: Any, _: Lookups) -> str | None:
    return f"{r.rt or '-'}/{r.rw or '-'}" if (r.rt or r.rw) else None


_ALL: dict[str, Column] = {
    c.key: c
    for c in (
        Column("nik", "NIK", lambda r, _: r.nik),
        Column("kk_number", "No. KK", lambda r, _: r.kk_number),
        Column("full_name", "Nama", lambda r, _: r.full_name.upper()),
        Column("birth_place", "Tempat lahir", lambda r, _: r.birth_place),
        Column("birth_date", "Tanggal lahir", lambda r, _: r.birth_date),
        Column("gender", "Jenis kelamin", lambda r, _: GENDER[r.gender]),
        Column("gender_code", "L/P", lambda r, _: r.gender.value),
        Column("address", "Alamat", _address),
        Column("street", "Alamat", lambda r, _: r.address),
        Column("rt", "RT", lambda r, _: r.rt),
        Column("rw", "RW", lambda r, _: r.rw),
        Column("rt_rw", "RT/RW", _rt_rw),
        Column("village", "Desa/Kelurahan", lambda r, x: x.region_names.get(r.village_code)),
        Column("kecamatan", "Kecamatan", lambda r, x: x.region_names.get(r.kecamatan_code)),
        Column("occupation", "Pekerjaan", lambda r, x: x.occupation_names.get(r.occupation_id)),
        Column("phone", "No. HP", lambda r, _: r.phone),
        Column("kpj", "No. KPJ", lambda r, _: r.kpj),
        Column("program", "Program", lambda _, x: x.program),
        Column("coverage_start", "Tanggal mulai kepesertaan", lambda r, _: r.coverage_start),
        Column("coverage_end", "Akhir kepesertaan", lambda r, _: r.coverage_end),
        Column("funding", "Sumber dana", lambda r, _: FUNDING[r.funding]),
        Column("status", "Status", lambda r, _: WORKER_STATUS[r.status]),
    )
}

LIST_COLUMNS = (
    "nik",
    "kk_number",
    "full_name",
    "birth_place",
    "birth_date",
    "gender",
    "street",
    "rt",
    "rw",
    "village",
    "kecamatan",
    "occupation",
    "phone",
    "kpj",
    "funding",
    "status",
    "coverage_start",
    "coverage_end",
)
# BPJS collective registration (pendaftaran kolektif); the order is a setting.
DEFAULT_BPJS_COLUMNS = (
    "nik",
    "full_name",
    "birth_place",
    "birth_date",
    "gender",
    "address",
    "village",
    "kecamatan",
    "occupation",
    "phone",
    "program",
    "coverage_start",
    "funding",
)
VILLAGE_COLUMNS = (
    "full_name",
    "nik",
    "gender_code",
    "birth_place",
    "birth_date",
    "street",
    "rt_rw",
    "occupation",
    "phone",
    "kpj",
    "status",
    "coverage_start",
)
# The BPJS form's headers are in capitals.
_BPJS_HEADERS = {"full_name": "NAMA", "gender": "JENIS KELAMIN", "village": "DESA/KELURAHAN"}


def columns(keys: tuple[str, ...] | list[str]) -> list[Column]:
    return [_ALL[k] for k in keys]


def unknown_columns(setting: str | None) -> tuple[list[str], list[str]]:
    """The setting's keys that name no column, and every key that does."""
    keys = [k.strip() for k in (setting or "").split(",") if k.strip()]
    return [k for k in keys if k not in _ALL], list(_ALL)


def bpjs_columns(setting: str | None, place: str) -> list[Column]:
    """The setting's comma-separated keys, or the default set, with headers in capitals;
    ``place`` says where the setting is changed (the catalogue's ``where``)."""
    keys = [k.strip() for k in (setting or "").split(",") if k.strip()] or list(
        DEFAULT_BPJS_COLUMNS
    )
    unknown, known = unknown_columns(setting)
    if unknown:
        raise SiRentanError(
            f"Kolom daftar pendaftaran BPJS ({place}) memuat kolom yang tidak "
            f"dikenal: {', '.join(unknown)}. Kolom yang dikenal: {', '.join(known)}."
        )
    return [Column(c.key, _BPJS_HEADERS.get(c.key, c.header.upper()), c.get) for c in columns(keys)]
