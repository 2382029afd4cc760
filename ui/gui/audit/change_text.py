"""Audit entries as a clerk reads them: "Nama lengkap: MARIA → MARIA TAEK".

Stored values are codes and ISO dates; here they become the labels the form
shows. A clerk who sees identities masked sees them masked here as well: the
trail must not be a way round the mask.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Any

from services.audit_query import ACTION_LABELS, ENTITY_LABELS, AuditRow
from services.labels import FUNDING, GENDER, HEIR_RELATION, WORKER_FIELDS, WORKER_STATUS
from services.nik import mask_nik
from services.permissions import ROLE_LABELS
from ui.gui.app_context import AppContext

HIDDEN = "(disembunyikan)"

# Recorded by the backup service but not (yet) labelled by services.audit_query.
ACTIONS: dict[str, str] = {**ACTION_LABELS, "backup": "Cadangan", "restore": "Pemulihan"}
ENTITIES: dict[str, str] = {**ENTITY_LABELS, "database": "Basis data"}
EMPTY = "-"

# Columns the trail stores that the worker form has no label for.
FIELD_LABELS: dict[str, str] = {
    **WORKER_FIELDS,
    "kecamatan_code": "Kecamatan",
    "occupation_id": "Pekerjaan",
    "relation": "Hubungan",
    "bank_name": "Nama bank",
    "bank_account_number": "No. rekening",
    "bank_account_holder": "Atas nama rekening",
    "username": "Nama pengguna",
    "role": "Peran",
    "active": "Aktif",
    "password_hash": "Kata sandi",
    "must_change_password": "Wajib ganti kata sandi",
    "key": "Pengaturan",
    "value": "Nilai",
}
# Keys that only link rows together; the entry's own columns say which record it is.
_LINKS = {"id", "worker_id", "user_id"}
_MASKED_NUMBERS = {"nik", "kk_number"}
_HIDDEN_FOR_VIEWERS = {"bank_name", "bank_account_number", "bank_account_holder"}
_ENUM_LABELS: dict[str, dict[Any, str]] = {
    "gender": {g.value: label for g, label in GENDER.items()},
    "funding": {f.value: label for f, label in FUNDING.items()},
    "status": {s.value: label for s, label in WORKER_STATUS.items()},
    "relation": {r.value: label for r, label in HEIR_RELATION.items()},
    "role": {r.value: label for r, label in ROLE_LABELS.items()},
}
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
        text = row.summary or ""
        return _SIXTEEN_DIGITS.sub(lambda m: mask_nik(m.group()), text) if self.masked else text

    def label(self, name: str) -> str:
        return FIELD_LABELS.get(name, name)

    def value(self, row: AuditRow, name: str, value: Any) -> str:
        if value is None or value == "":
            return EMPTY
        if self.masked and name in _MASKED_NUMBERS:
            return HIDDEN if row.entity == "heir" else mask_nik(str(value))
        if self.masked and name in _HIDDEN_FOR_VIEWERS:
            return HIDDEN
        return self._plain(name, value)

    def _plain(self, name: str, value: Any) -> str:
        if name in _ENUM_LABELS:
            return _ENUM_LABELS[name].get(value, str(value))
        if isinstance(value, bool):
            return "Ya" if value else "Tidak"
        if name in ("village_code", "kecamatan_code"):
            item = self._regions.get(str(value))
            return item.label if item else str(value)
        if name == "occupation_id":
            return self._occupations.get(value, str(value))
        if isinstance(value, str) and _ISO_DATE.match(value):
            return date.fromisoformat(value).strftime("%d-%m-%Y")
        return str(value)


def action_label(row: AuditRow) -> str:
    return ACTIONS.get(row.action, row.action_label)


def entity_label(row: AuditRow) -> str:
    label = ENTITIES.get(row.entity, row.entity_label)
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


def local_time(moment: datetime) -> str:
    """ "24-11-2026 19.04" in the clerk's own zone, the way Indonesian clocks are written."""
    return moment.astimezone().strftime("%d-%m-%Y %H.%M.%S")
