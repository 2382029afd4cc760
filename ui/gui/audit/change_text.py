"""Audit entries as a clerk reads them: "Nama lengkap: MARIA → MARIA TAEK".

Stored values are codes and ISO dates; here they become the labels the form
shows. A clerk who sees identities masked sees them masked here as well: the
trail must not be a way round the mask.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from services.audit.labels import coded_value, field_label, local_moment
from services.audit.query import ACTION_LABELS, ENTITY_LABELS, AuditRow, readable_summary
from services.workers.nik import mask_nik
from ui.gui.app_context import AppContext
from ui.gui.formats import local_time

HIDDEN = "(disembunyikan)"

# Recorded by the backup service but not (yet) labelled by services.audit.query.
ACTIONS: dict[str, str] = {**ACTION_LABELS, "backup": "Cadangan", "restore": "Pemulihan"}
ENTITIES: dict[str, str] = {**ENTITY_LABELS, "database": "Basis data"}
EMPTY = "-"

# Keys that only link rows together; the entry's own columns say which record it is.
_LINKS = {"id", "worker_id", "user_id"}
_MASKED_NUMBERS = {"nik", "kk_number"}
_HIDDEN_FOR_VIEWERS = {"bank_name", "bank_account_number", "bank_account_holder"}
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_SIXTEEN_DIGITS = re.compile(r"\b\d{16}\b")


class ChangeText:
    def __init__(self, app: AppContext) -> None:
        self._regions = app.regions
        self._occupations = {o.id: o.name for o in app.workers.occupations()}
        self.masked = app.masks_identity

    def lines(self, row: AuditRow) -> list[str]:
        """ "Field: old → new", one per changed field, in the order they were stored."""
        return [
            f"{self.label(name)}: {self.value(row, name, old)} → {self.value(row, name, new)}"
            for name, (old, new) in row.changes.items()
            if name not in _LINKS
        ]

    def summary(self, row: AuditRow) -> str:
        text = readable_summary(row.entity, row.summary)
        return _SIXTEEN_DIGITS.sub(lambda m: mask_nik(m.group()), text) if self.masked else text

    def label(self, name: str) -> str:
        return field_label(name)

    def value(self, row: AuditRow, name: str, value: Any) -> str:
        if value is None or value == "":
            return EMPTY
        if self.masked and name in _MASKED_NUMBERS:
            return HIDDEN if row.entity == "heir" else mask_nik(str(value))
        if self.masked and name in _HIDDEN_FOR_VIEWERS:
            return HIDDEN
        return self._plain(row, name, value)

    def _plain(self, row: AuditRow, name: str, value: Any) -> str:
        coded = coded_value(row.entity, name, value)
        if coded is not None:
            return coded
        if isinstance(value, bool):
            return "Ya" if value else "Tidak"
        if name in ("village_code", "kecamatan_code"):
            item = self._regions.get(str(value))
            return item.label if item else str(value)
        if name == "occupation_id":
            return self._occupations.get(value, str(value))
        if isinstance(value, str) and _ISO_DATE.match(value):
            return date.fromisoformat(value).strftime("%d-%m-%Y")
        if isinstance(value, str):
            return local_moment(value, row.zone) or value
        return str(value)


def action_label(row: AuditRow) -> str:
    return ACTIONS.get(row.action, row.action_label)


def entity_label(row: AuditRow) -> str:
    label = ENTITIES.get(row.entity, row.entity_label)
    if label == row.entity:  # a table with no label yet: never its raw name
        label = field_label(row.entity)
    return f"{label} {row.entity_id}" if row.entity_id else label


def detail_text(row: AuditRow, text: ChangeText) -> str:
    """The whole entry for the detail pane: when, who, where, what, and every change."""
    head = [
        f"{local_time(row.at)} · {row.user_name or '-'} di {row.workstation or '-'}",
        f"{action_label(row)} · {entity_label(row)}",
        text.summary(row),
    ]
    changes = text.lines(row)
    return "\n".join([line for line in head if line] + (["", *changes] if changes else []))
