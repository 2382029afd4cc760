"""Occupation words from village lists mapped to the register's occupation codes."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from services.core.errors import Problem, Severity
from services.excel_import.values import as_text
from services.workers.occupations import OccupationItem

OTHER = "lainnya"
FIELD = "occupation_code"

# How the words appear in lists (folded: lower case, single spaces). The codes'
# own names ("Pedagang kecil") and codes ("pedagang_kecil") are added at run time.
VARIANTS: dict[str, str] = {
    "tani": "petani",
    "bertani": "petani",
    "petani pekebun": "petani",
    "pekebun": "petani",
    "petani sawah": "petani",
    "petani ladang": "petani",
    "berkebun": "petani",
    "nelayan": "nelayan",
    "nelayan tradisional": "nelayan",
    "ternak": "peternak",
    "beternak": "peternak",
    "peternak": "peternak",
    "pedagang": "pedagang_kecil",
    "dagang": "pedagang_kecil",
    "berdagang": "pedagang_kecil",
    "pedagang keliling": "pedagang_kecil",
    "pedagang kaki lima": "pedagang_kecil",
    "pkl": "pedagang_kecil",
    "jualan": "pedagang_kecil",
    "penjual": "pedagang_kecil",
    "kios": "pedagang_kecil",
    "ojek": "tukang_ojek",
    "ojek motor": "tukang_ojek",
    "ojol": "tukang_ojek",
    "pengojek": "tukang_ojek",
    "buruh": "buruh_harian_lepas",
    "buruh harian": "buruh_harian_lepas",
    "bhl": "buruh_harian_lepas",
    "buruh tani": "buruh_harian_lepas",
    "buruh bangunan": "buruh_harian_lepas",
    "tukang": "buruh_harian_lepas",
    "tukang bangunan": "buruh_harian_lepas",
    "perangkat desa": "perangkat_desa",
    "aparat desa": "perangkat_desa",
    "aparatur desa": "perangkat_desa",
    "kaur": "perangkat_desa",
    "kasi": "perangkat_desa",
    "sekdes": "perangkat_desa",
    "sekretaris desa": "perangkat_desa",
    "kepala dusun": "perangkat_desa",
    "kadus": "perangkat_desa",
    "rt": "rt_rw",
    "rw": "rt_rw",
    "rt rw": "rt_rw",
    "ketua rt": "rt_rw",
    "ketua rw": "rt_rw",
}
_NOT_ALNUM = re.compile(r"[^0-9a-z]+")


def _fold(text: str) -> str:
    return " ".join(_NOT_ALNUM.sub(" ", text.casefold()).split())


@dataclass(frozen=True, slots=True)
class OccupationMatch:
    code: str
    problem: Problem | None = None


class OccupationMatcher:
    def __init__(self, items: list[OccupationItem]) -> None:
        codes = {i.code for i in items}
        self.ids = {i.code: i.id for i in items}
        self.names = {i.id: i.name for i in items}
        self._known = {k: v for k, v in VARIANTS.items() if v in codes}
        for item in items:
            self._known[_fold(item.name)] = item.code
            self._known[_fold(item.code)] = item.code

    def match(self, value: Any) -> OccupationMatch:
        text = as_text(value)
        if text is None:
            return OccupationMatch(
                OTHER,
                Problem(
                    "occupation_blank",
                    FIELD,
                    "Pekerjaan kosong; dicatat sebagai Lainnya.",
                    Severity.WARNING,
                ),
            )
        code = self._known.get(_fold(text))
        if code is not None:
            return OccupationMatch(code)
        return OccupationMatch(
            OTHER,
            Problem(
                "occupation_other",
                FIELD,
                f"Pekerjaan '{text}' tidak ada dalam daftar; dicatat sebagai Lainnya.",
                Severity.WARNING,
            ),
        )
