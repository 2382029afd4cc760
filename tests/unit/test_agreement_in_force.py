"""The term of a registered agreement, as the premium letter reads it to cite the PKS."""

from __future__ import annotations

from datetime import date

from services.documents.agreement.in_force import _term

SIGNED = date(2025, 7, 7)


def test_the_stored_term_wins_over_the_settings_of_today() -> None:
    fields = {"term_start": "2025-07-07", "term_end": "2025-12-31", "months": None}
    assert _term(fields, SIGNED, {"agreement.months": "3"}) == (SIGNED, date(2025, 12, 31))


def test_an_agreement_stored_before_the_term_is_read_as_it_was_resolved() -> None:
    """No stored term (issued before it was kept): the typed start and months, else the
    months setting, else to 31 December of the start's budget year."""
    typed = {"period_start": "2025-08-01", "months": 3}
    assert _term(typed, SIGNED, {"agreement.months": ""}) == (date(2025, 8, 1), date(2025, 10, 31))
    assert _term({"months": None}, SIGNED, {"agreement.months": ""}) == (
        SIGNED,
        date(2025, 12, 31),
    )
    assert _term({"months": None}, SIGNED, {"agreement.months": "2"}) == (
        SIGNED,
        date(2025, 8, 31),
    )
