"""The letter number pattern's rule, apart from the numbering so the settings catalogue can
check a pattern without importing the numbering (which names settings by the catalogue)."""

from __future__ import annotations

import string

PLACEHOLDERS = ("klasifikasi", "nomor", "unit", "bulan_romawi", "bulan", "tahun")


def pattern_fault(pattern: str) -> tuple[str, str] | None:
    """The code and text of what is wrong with ``pattern``, or None; ``{place}`` in the text
    is where the caller says the setting is changed (or nothing)."""
    try:
        names = [field for _, field, _, _ in string.Formatter().parse(pattern) if field is not None]
    except ValueError:
        names = None
    if names is None or "nomor" not in names:
        return (
            "pattern_invalid",
            f"Pola nomor surat '{_literal(pattern)}'{{place}} harus memuat {{{{nomor}}}}, "
            "mis. {{klasifikasi}}/{{nomor}}/{{unit}}/{{bulan_romawi}}/{{tahun}}.",
        )
    unknown = sorted({n for n in names if n.split(":")[0] not in PLACEHOLDERS})
    if unknown:
        allowed = ", ".join(f"{{{{{p}}}}}" for p in PLACEHOLDERS)
        return (
            "pattern_unknown",
            f"Pola nomor surat{{place}} memuat isian yang tidak dikenal: "
            f"{_literal(', '.join(unknown))}. Yang dapat dipakai: {allowed}.",
        )
    return None


def _literal(text: str) -> str:
    """A clerk's text inside a message that is formatted once more (braces doubled)."""
    return text.replace("{", "{{").replace("}", "}}")
