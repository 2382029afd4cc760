"""Which documents a claim needs, from the editable checklist (claim_checklist_item).

An item's ``condition`` holds space-separated codes that must all be true for the
item to apply to a claim (empty: always):

- ``meninggal``: the worker died (JKM, or JKK with a fatal outcome)
- ``pasangan``: one of the claim's heirs is the spouse
- ``beasiswa``: a child is put up for the scholarship and it is open
- ``npwp``: the estimated one-off benefit exceeds claims.npwp_threshold
- ``lalu_lintas``: a JKK traffic accident

The claim stores only each item's state (received, date, note, scan); labels and
conditions are read from the checklist, so an edit there reaches every open claim.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from models.enums import ClaimType
from services.claims.types import AttachmentInfo, DocumentItem
from services.text.labels import CHECKLIST_CONDITIONS

# The condition codes and their words live with the labels, which the command line's
# parsers read without loading the claims.
CONDITIONS = CHECKLIST_CONDITIONS


@dataclass(frozen=True, slots=True)
class ChecklistRow:
    claim_type: ClaimType
    code: str
    label: str
    hint: str | None
    condition: str
    required: bool
    sort_order: int
    active: bool


@dataclass(frozen=True, slots=True)
class DocumentState:
    item_code: str
    received: bool
    received_on: date | None
    note: str | None
    attachment: AttachmentInfo | None


@dataclass(frozen=True, slots=True)
class ChecklistFacts:
    death: bool
    spouse_heir: bool
    scholarship: bool
    above_npwp: bool
    traffic: bool

    def codes(self) -> set[str]:
        flags = {
            "meninggal": self.death,
            "pasangan": self.spouse_heir,
            "beasiswa": self.scholarship,
            "npwp": self.above_npwp,
            "lalu_lintas": self.traffic,
        }
        return {code for code, on in flags.items() if on}


def unknown_conditions(condition: str) -> list[str]:
    return [code for code in condition.split() if code not in CONDITIONS]


def holds(condition: str, facts: ChecklistFacts) -> bool:
    return set(condition.split()) <= facts.codes()


def build(
    items: Sequence[ChecklistRow],
    states: Mapping[str, DocumentState],
    facts: ChecklistFacts,
) -> list[DocumentItem]:
    """The claim's checklist in the table's order. An item dropped from the table but
    already worked on stays visible, no longer required."""
    by_code = {i.code: i for i in items}
    shown = [i for i in sorted(items, key=lambda i: i.sort_order) if i.active]
    shown += [by_code[c] for c in states if c in by_code and not by_code[c].active]
    result = [_item(i, states.get(i.code), holds(i.condition, facts) and i.active) for i in shown]
    result += [_orphan(s) for code, s in states.items() if code not in by_code]
    return result


def _item(row: ChecklistRow, state: DocumentState | None, applicable: bool) -> DocumentItem:
    return DocumentItem(
        item_code=row.code,
        label=row.label,
        hint=row.hint,
        required=row.required,
        applicable=applicable,
        received=state.received if state else False,
        received_on=state.received_on if state else None,
        note=state.note if state else None,
        attachment=state.attachment if state else None,
    )


def _orphan(state: DocumentState) -> DocumentItem:
    return DocumentItem(
        item_code=state.item_code,
        label=state.item_code,
        hint=None,
        required=False,
        applicable=False,
        received=state.received,
        received_on=state.received_on,
        note=state.note,
        attachment=state.attachment,
    )
