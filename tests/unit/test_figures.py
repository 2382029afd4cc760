"""Whole rupiah and counts on screen: one implementation for the GUI, the CLI and the claims."""

from __future__ import annotations

from services.text.figures import rupiah_whole, thousands
from services.text.money import rupiah


def test_whole_rupiah_groups_thousands_with_dots() -> None:
    assert rupiah_whole(249_984_000) == "Rp249.984.000"
    assert rupiah_whole(0) == "Rp0"
    assert rupiah_whole(-16_800) == "-Rp16.800"
    assert thousands(1_234_567) == "1.234.567"


def test_documents_keep_their_own_form_with_decimals() -> None:
    """Two meanings, two names: the documents' rupiah shows the cents, the screens' does not."""
    assert rupiah(249_984_000) == "Rp249.984.000,00"
    assert rupiah(249_984_000).startswith(rupiah_whole(249_984_000))
