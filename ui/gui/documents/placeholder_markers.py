"""Template placeholders shown to a clerk in words, and back.

A legal basis line such as "Peraturan Daerah … Tahun Anggaran {tahun_anggaran}" is kept with
its placeholder so the service fills the budget year of each agreement; a clerk reads and
edits it as "[tahun anggaran]" instead of a raw "{tahun_anggaran}".
"""

from __future__ import annotations

# Placeholder → what the clerk sees. "{tahun}" is the older spelling of the budget year.
MARKERS = {
    "{tahun_anggaran}": "[tahun anggaran]",
    "{perda_apbd}": "[Perda APBD tahun pertama]",
    "{kabupaten}": "[nama kabupaten/kota]",
}
_ALIASES = {"{tahun}": "{tahun_anggaran}"}


def to_markers(text: str) -> str:
    for alias, placeholder in _ALIASES.items():
        text = text.replace(alias, placeholder)
    for placeholder, marker in MARKERS.items():
        text = text.replace(placeholder, marker)
    return text


def from_markers(text: str) -> str:
    for placeholder, marker in MARKERS.items():
        text = text.replace(marker, placeholder)
    return text


def stray_braces(text: str) -> bool:
    """A typed curly bracket the service would read as an unknown placeholder."""
    rest = text
    for placeholder in MARKERS:
        rest = rest.replace(placeholder, "")
    return "{" in rest or "}" in rest


def marker_hint() -> str:
    """The form's line under the list, naming the markers the way they are shown."""
    year, regulation = MARKERS["{tahun_anggaran}"], MARKERS["{perda_apbd}"]
    return (
        f"Satu peraturan per baris; {year} diisi tahun anggaran awal masa perjanjian, "
        f"{regulation} diisi dari kolom “Perda APBD tahun pertama” di atas. Daftar bawaan "
        "ada di templat perjanjian."
    )
