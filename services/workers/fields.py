"""The worker's fields, named once: which the form types, which the service works out, which
an import writes, an export reads and a list row shows. The worker service, WorkerDetail,
the import's row check and the Excel export take their lists from here, so a new field is
added in one place (tests/unit/test_worker_fields.py holds the table to the worker table and
the dataclasses)."""

from __future__ import annotations

# As typed on the form, stored unchanged: WorkerInput -> worker row -> WorkerDetail.
TYPED = (
    "nik",
    "kk_number",
    "full_name",
    "birth_place",
    "birth_date",
    "gender",
    "address",
    "rt",
    "rw",
    "phone",
    "kpj",
    "funding",
)
NOTES = "notes"  # typed too, but no import or export carries it
# Worked out by the service: search keys from the name, the kecamatan from the village, the
# occupation's row from its code.
NAME_KEYS = ("name_key", "name_phonetic")
PLACE = ("village_code", "kecamatan_code")
OCCUPATION = "occupation_id"
# The cache of the latest coverage period and of the status (services/coverage_history).
COVERAGE = ("coverage_start", "coverage_end")
STATUS = ("status", "status_reason", "status_date")
STAMPS = ("created_at", "created_by", "updated_at", "updated_by")

# WorkerInput, heirs apart (the form's fields, also WorkerDetail.to_input).
INPUT = (*TYPED, "village_code", "occupation_code", *COVERAGE, NOTES)
# WorkerDetail's fields read straight from the row (names and the occupation's code apart).
DETAIL = ("id", "version", *TYPED, *PLACE, *COVERAGE, *STATUS, NOTES, *STAMPS)
# WorkerRow's fields read straight from the row (the place and occupation names apart).
ROW = ("id", "nik", "kpj", "full_name", "gender", "birth_date", "funding", "status", *COVERAGE)
# What an import writes on a worker (the end of coverage is the period's, see excel_import).
IMPORTED = (*TYPED, *NAME_KEYS, *PLACE, OCCUPATION, "coverage_start")
# What the Excel export reads of each worker.
EXPORTED = ("id", *TYPED, *PLACE, OCCUPATION, "status", *COVERAGE)
