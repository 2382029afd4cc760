"""Matching a village written in a spreadsheet to the configured kabupaten's list.

Case, spacing, punctuation and prefixes ("Desa", "Kel.", "Kelurahan", "Ds.")
are ignored, so "DS. NIAN" finds "N i a n". The kecamatan column tells
same-named villages apart. A code is looked up as it is, and a code retired
in 2022 is followed to its new one. Anything else is refused with the closest
names as suggestions: a wrong village would send a worker's claim to the
wrong office, so the importer never guesses.
"""

from __future__ import annotations

import difflib
import re
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from models.text_keys import region_key
from services.core.errors import Problem, Severity
from services.excel_import.values import as_text
from services.workers.regions import RegionDirectory, RegionItem

FIELD = "village_code"
_VILLAGE_PREFIX = re.compile(r"^\s*(?:desa|kelurahan|kel|ds|dsa)(?:\.|\s|$)\s*", re.IGNORECASE)
_KECAMATAN_PREFIX = re.compile(r"^\s*(?:kecamatan|kec)(?:\.|\s|$)\s*", re.IGNORECASE)
_CODE = re.compile(r"^\d{2}\.?\d{2}\.?\d{2}(?:\.?\d{4})?$")
# Spellings of kecamatan names that changed (Miomafo became Miomaffo in 2022).
_OLD_SPELLINGS = {"miomafo": "miomaffo"}
SUGGESTIONS = 3


@dataclass(frozen=True, slots=True)
class VillageMatch:
    village: RegionItem | None
    problems: tuple[Problem, ...] = ()


@dataclass(frozen=True, slots=True)
class CodeChange:
    old_code: str
    old_name: str
    new_code: str


def _dotted(code: str) -> str:
    digits = code.replace(".", "")
    parts = [digits[0:2], digits[2:4], digits[4:6]] + ([digits[6:]] if len(digits) > 6 else [])
    return ".".join(parts)


def _err(text: str) -> Problem:
    return Problem("village_unmatched", FIELD, text)


def _warn(text: str) -> Problem:
    return Problem("village_old", FIELD, text, Severity.WARNING)


class VillageMatcher:
    def __init__(self, regions: RegionDirectory, changes: list[CodeChange]) -> None:
        self._regions = regions
        self._by_key: dict[str, list[RegionItem]] = defaultdict(list)
        for village in regions.villages():
            self._by_key[region_key(village.name)].append(village)
        self._kecamatan = {self._kecamatan_key(k.name): k for k in regions.kecamatan()}
        self._changes = {c.old_code: c for c in changes}
        self._old_names = {region_key(c.old_name): c for c in changes}
        self._cache: dict[tuple[str | None, str | None, str | None], VillageMatch] = {}

    def match(self, village: Any, kecamatan: Any = None, code: Any = None) -> VillageMatch:
        key = (as_text(village), as_text(kecamatan), as_text(code))
        found = self._cache.get(key)
        if found is None:
            found = self._cache[key] = self._match(*key)
        return found

    # -- internals ----------------------------------------------------------------

    def _match(self, village: str | None, kecamatan: str | None, code: str | None) -> VillageMatch:
        if code:
            return self._by_code(code)
        if village and _CODE.match(village):
            return self._by_code(village)
        if not village:
            return VillageMatch(None, (_err("Desa/Kelurahan kosong; isi nama desa sesuai KTP."),))
        district, problems = self._kecamatan_of(kecamatan)
        result = self._by_name(village, district)
        return VillageMatch(result.village, (*problems, *result.problems))

    def _by_code(self, raw: str) -> VillageMatch:
        code = _dotted(raw)
        item = self._regions.get(code)
        if item is not None and self._regions.is_village(code):
            return VillageMatch(item)
        change = self._changes.get(code)
        if change is not None:
            new = self._regions.get(change.new_code)
            if new is not None:
                text = (
                    f"Kode desa {code} ({change.old_name}) adalah kode lama; dipakai kode "
                    f"barunya {new.code} ({new.label})."
                )
                return VillageMatch(new, (_warn(text),))
        text = (
            f"Kode desa {raw} tidak ada di {self._regions.kabupaten_name}; "
            "periksa kode atau tulis nama desanya."
        )
        return VillageMatch(None, (_err(text),))

    def _kecamatan_key(self, name: str) -> str:
        key = region_key(_KECAMATAN_PREFIX.sub("", name))
        for old, new in _OLD_SPELLINGS.items():
            key = key.replace(old, new)
        return key

    def _kecamatan_of(self, text: str | None) -> tuple[RegionItem | None, tuple[Problem, ...]]:
        if not text:
            return None, ()
        if _CODE.match(text):
            item = self._regions.get(_dotted(text))
            if item is not None and item.code.count(".") == 2:
                return item, ()
        item = self._kecamatan.get(self._kecamatan_key(text))
        if item is not None:
            return item, ()
        text = (
            f"Kecamatan '{text}' tidak dikenal di {self._regions.kabupaten_name}; "
            "desa dicocokkan tanpa kecamatan."
        )
        return None, (Problem("kecamatan_unknown", FIELD, text, Severity.WARNING),)

    def _by_name(self, text: str, district: RegionItem | None) -> VillageMatch:
        key = region_key(_VILLAGE_PREFIX.sub("", text))
        candidates = self._by_key.get(key, [])
        if district is not None:
            inside = [v for v in candidates if v.parent_code == district.code]
            if not inside and candidates:
                where = ", ".join(self._where(v) for v in candidates)
                return VillageMatch(
                    None,
                    (
                        _err(
                            f"Desa/Kelurahan '{text}' tidak ada di Kecamatan {district.name}; "
                            f"yang bernama itu: {where}. Periksa kolom desa dan kecamatan."
                        ),
                    ),
                )
            candidates = inside
        if len(candidates) == 1:
            return VillageMatch(candidates[0])
        if len(candidates) > 1:
            where = ", ".join(self._where(v) for v in candidates)
            return VillageMatch(
                None,
                (
                    _err(
                        f"Ada {len(candidates)} desa/kelurahan bernama '{text}' ({where}); "
                        "isi kolom Kecamatan agar jelas yang mana."
                    ),
                ),
            )
        return self._by_old_name(text, key, district) or self._unmatched(text, key, district)

    def _by_old_name(self, text: str, key: str, district: RegionItem | None) -> VillageMatch | None:
        change = self._old_names.get(key)
        new = self._regions.get(change.new_code) if change else None
        if change is None or new is None:
            return None
        if district is not None and new.parent_code != district.code:
            return None
        note = f"'{text}' adalah nama lama; dipakai {new.label} ({new.code})."
        return VillageMatch(new, (_warn(note),))

    def _unmatched(self, text: str, key: str, district: RegionItem | None) -> VillageMatch:
        pool = self._regions.villages(district.code if district else None)
        keys = {region_key(v.name): v for v in pool}
        close = difflib.get_close_matches(key, list(keys), n=SUGGESTIONS, cutoff=0.6)
        where = f"Kecamatan {district.name}" if district else self._regions.kabupaten_name
        message = f"Desa/Kelurahan '{text}' tidak ditemukan di {where}"
        if close:
            message += "; mungkin maksudnya " + ", ".join(self._where(keys[k]) for k in close)
        message += ". Perbaiki nama desa di berkas; desa tidak ditebak."
        return VillageMatch(None, (_err(message),))

    def _where(self, village: RegionItem) -> str:
        return f"{village.label} (Kec. {self._regions.name(village.parent_code or '')})"
