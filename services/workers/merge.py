"""Two clerks edited the same worker: keep their changes and mine, and name every clash.

Used when a save meets a newer version (ConflictError). The rule is a
three-way merge by field: a field I did not touch takes the stored value
(the other clerk's change survives); a field I changed takes my value. When
both of us changed the same field to different values, mine wins but the
field is reported, so the clerk is told what of theirs is overwritten.
Heirs are one field here: the list is compared and taken as a whole, since
merging two edited heir lists row by row could pair the wrong people.
"""

from __future__ import annotations

from copy import deepcopy
from dataclasses import fields, replace
from typing import Any

from services.workers.types import WorkerInput

# In the order the form shows them, so lists of fields read like the form.
FIELD_NAMES: tuple[str, ...] = tuple(f.name for f in fields(WorkerInput))


def changed_fields(a: WorkerInput, b: WorkerInput) -> list[str]:
    """Names of the fields whose values differ between ``a`` and ``b``."""
    return [name for name in FIELD_NAMES if _value(a, name) != _value(b, name)]


def merge_my_changes(
    original: WorkerInput, mine: WorkerInput, current: WorkerInput
) -> tuple[WorkerInput, list[str]]:
    """``current`` with only my changes (``original`` -> ``mine``) applied.

    Returns the merged input and the fields both of us changed to different
    values, where my value replaces the other clerk's.
    """
    my_fields = changed_fields(original, mine)
    their_fields = set(changed_fields(original, current))
    # Copies: the merged input is edited further by the form, the others must not change.
    merged = replace(deepcopy(current), **{n: deepcopy(_value(mine, n)) for n in my_fields})
    overwritten = [
        name
        for name in my_fields
        if name in their_fields and _value(mine, name) != _value(current, name)
    ]
    return merged, overwritten


def _value(data: WorkerInput, name: str) -> Any:
    return getattr(data, name)
