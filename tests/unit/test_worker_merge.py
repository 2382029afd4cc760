"""Merging my edits onto a worker another clerk saved first: theirs kept, mine applied."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from models.enums import HeirRelation
from services.workers.merge import FIELD_NAMES, changed_fields, merge_my_changes
from services.workers.types import HeirInput, WorkerInput
from tests.factories import worker_input


def test_changed_fields_names_each_differing_field_in_form_order() -> None:
    a = worker_input(1)
    b = replace(a, phone="081299990000", full_name="NAMA LAIN", rt="9")
    assert changed_fields(a, b) == ["full_name", "rt", "phone"]
    assert changed_fields(a, replace(a)) == []


def test_changed_fields_compares_heirs_as_one_list() -> None:
    a = worker_input(1)
    b = replace(a, heirs=[replace(a.heirs[0], bank_name="BRI")])
    assert changed_fields(a, b) == ["heirs"]
    assert "heirs" in FIELD_NAMES


def test_fields_only_they_changed_keep_their_values_and_mine_are_applied() -> None:
    original = worker_input(1)
    mine = replace(original, phone="081211112222", notes="catatan saya")
    current = replace(original, full_name="NAMA DARI PETUGAS DUA", address="Jl. Baru")

    merged, overwritten = merge_my_changes(original, mine, current)

    assert merged.full_name == "NAMA DARI PETUGAS DUA"
    assert merged.address == "Jl. Baru"
    assert (merged.phone, merged.notes) == ("081211112222", "catatan saya")
    assert overwritten == []
    assert changed_fields(current, merged) == ["phone", "notes"]


def test_a_field_both_changed_takes_mine_and_is_reported() -> None:
    original = worker_input(1)
    mine = replace(original, full_name="NAMA SAYA", phone="081211112222")
    current = replace(original, full_name="NAMA MEREKA", coverage_end=date(2026, 12, 31))

    merged, overwritten = merge_my_changes(original, mine, current)

    assert merged.full_name == "NAMA SAYA"
    assert merged.coverage_end == date(2026, 12, 31)
    assert overwritten == ["full_name"]


def test_the_same_change_made_by_both_is_no_overwrite() -> None:
    original = worker_input(1)
    mine = replace(original, phone="081211112222")
    current = replace(original, phone="081211112222")
    merged, overwritten = merge_my_changes(original, mine, current)
    assert merged.phone == "081211112222"
    assert overwritten == []


def test_heirs_i_did_not_touch_keep_their_heir_list() -> None:
    original = worker_input(1)
    theirs = [*original.heirs, HeirInput(full_name="ANAK SATU", relation=HeirRelation.CHILD)]
    current = replace(original, heirs=theirs)
    mine = replace(original, phone="081211112222")
    merged, overwritten = merge_my_changes(original, mine, current)
    assert [h.full_name for h in merged.heirs] == ["Yohanes Taek", "ANAK SATU"]
    assert overwritten == []


def test_heir_lists_changed_by_both_take_mine_whole_and_are_reported() -> None:
    original = worker_input(1)
    current = replace(original, heirs=[replace(original.heirs[0], phone="081300000000")])
    mine = replace(original, heirs=[replace(original.heirs[0], bank_name="BRI")])
    merged, overwritten = merge_my_changes(original, mine, current)
    assert merged.heirs == mine.heirs
    assert merged.heirs[0].phone is None, "no row-by-row mixing of two heir lists"
    assert overwritten == ["heirs"]


def test_merging_copies_so_later_edits_do_not_reach_the_inputs() -> None:
    original = worker_input(1)
    mine = replace(original, heirs=[HeirInput(full_name="BARU", relation=HeirRelation.CHILD)])
    current = replace(original, address="Jl. Baru")
    merged, _ = merge_my_changes(original, mine, current)
    merged.heirs[0].full_name = "DIUBAH"
    merged.heirs.append(HeirInput(full_name="LAGI", relation=None))
    assert [h.full_name for h in mine.heirs] == ["BARU"]
    assert len(current.heirs) == 1
    assert isinstance(merged, WorkerInput)
