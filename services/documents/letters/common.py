"""What every letter type gets to compose its wording, and what it gives back."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from services.core.context import ServiceContext
from services.core.errors import Problem, ValidationError
from services.documents.letters.layout import Attachment
from services.documents.templates import TemplateSpec, Values
from services.documents.types import SignatoryItem
from services.text.formatting import long_date

# Placeholders every letter template may use.
COMMON_PLACEHOLDERS = {
    "kabupaten": "nama kabupaten, mis. Kabupaten Timor Tengah Utara",
    "dinas": "nama perangkat daerah, mis. Dinas Tenaga Kerja dan Transmigrasi",
    "kota": "kota kedudukan kantor, mis. Kefamenanu",
    "cabang_bpjs": "mis. BPJS Ketenagakerjaan Kantor Cabang Atambua",
    "kota_cabang": "kota kantor cabang BPJS, mis. Atambua",
    "bupati": "jabatan kepala daerah, mis. Bupati Timor Tengah Utara",
    "tanggal_surat": "tanggal surat, mis. 7 Juli 2025",
}


@dataclass(frozen=True, slots=True)
class LetterEnv:
    settings: dict[str, str]
    signatory: SignatoryItem
    document_date: date
    sections: dict[str, str]  # the template in force, for lists and texts kept there

    def common_values(self) -> dict[str, str]:
        s = self.settings
        return {
            "kabupaten": s["district.kabupaten_name"],
            "dinas": s["office.name"],
            "kota": s["district.capital"],
            "cabang_bpjs": s["bpjs.branch_name"],
            "kota_cabang": s["bpjs.branch_town"],
            "bupati": s["letterhead.regional_head_title"],
            "tanggal_surat": long_date(self.document_date),
        }


@dataclass(frozen=True, slots=True)
class Composed:
    """A letter type's contribution: its placeholder values and optional attachment."""

    values: Values
    attachment: Attachment | None = None
    enclosure: str = ""
    audit: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class LetterType:
    spec: TemplateSpec
    compose: Callable[[ServiceContext, Any, LetterEnv], Composed]
    statement: bool = False  # a surat keterangan: title and number, no addressee


def required(problems: list[Problem], value: str, field_name: str, label: str) -> str:
    """The trimmed value; an empty one adds a problem naming the field."""
    text = " ".join((value or "").split())
    if not text:
        problems.append(Problem(f"{field_name}_empty", field_name, f"{label} wajib diisi."))
    return text


def refuse(problems: list[Problem], record: str) -> None:
    if problems:
        raise ValidationError(problems, record=record)


def or_dash(value: str | None) -> str:
    text = " ".join((value or "").split())
    return text or "-"
