"""The worker's field table (services/workers/fields.py) matches what it names: the worker
table's columns and the worker dataclasses, so a field added in one place and not the other
fails here rather than going missing from a form, an import or an export."""

from __future__ import annotations

from dataclasses import fields as dataclass_fields

from models import Worker
from services.excel_export.service import _ROW_COLUMNS
from services.excel_import.row_check import WORKER_COLUMNS
from services.workers import fields
from services.workers.types import WorkerDetail, WorkerInput, WorkerRow

COLUMNS = set(Worker.__table__.c.keys())


def _names(cls: type) -> set[str]:
    return {f.name for f in dataclass_fields(cls)}


def test_every_stored_name_is_a_column_of_the_worker_table() -> None:
    stored = {*fields.DETAIL, *fields.ROW, *fields.IMPORTED, *fields.EXPORTED, *fields.NAME_KEYS}
    assert stored - COLUMNS == set()
    # Every column is named by the table (what the service alone keeps: version, stamps).
    assert COLUMNS - stored == set()


def test_the_input_is_the_forms_fields_and_the_heirs() -> None:
    assert _names(WorkerInput) == {*fields.INPUT, "heirs"}
    assert len(set(fields.INPUT)) == len(fields.INPUT)


def test_the_detail_and_the_row_add_only_names_worked_out_from_codes() -> None:
    worked_out = {"village_name", "kecamatan_name", "occupation_code", "occupation_name"}
    assert _names(WorkerDetail) == {*fields.DETAIL, *worked_out, "heirs"}
    assert _names(WorkerRow) == {*fields.ROW, "village_name", "kecamatan_name", "occupation_name"}


def test_import_and_export_take_their_lists_from_the_table() -> None:
    assert WORKER_COLUMNS == fields.IMPORTED
    assert _ROW_COLUMNS == fields.EXPORTED
    assert fields.NOTES not in fields.IMPORTED and fields.NOTES not in fields.EXPORTED
