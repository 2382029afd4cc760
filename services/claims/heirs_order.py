"""The legal order of heirs (domain notes, section 4): who comes first and who is entitled.

1. widow/widower or children; 2. otherwise parents, then grandchildren, then
grandparents; 3. siblings; 4. parents-in-law; 5. whoever the will names. Only the
highest group present is entitled. "Lainnya" is listed but never entitled.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Protocol, TypeVar

from models.claim import ClaimHeirRelation
from models.enums import HeirRelation

NOT_ENTITLED = 99

PRIORITY = {
    ClaimHeirRelation.SPOUSE: 1,
    ClaimHeirRelation.CHILD: 1,
    ClaimHeirRelation.PARENT: 2,
    ClaimHeirRelation.GRANDCHILD: 3,
    ClaimHeirRelation.GRANDPARENT: 4,
    ClaimHeirRelation.SIBLING: 5,
    ClaimHeirRelation.PARENT_IN_LAW: 6,
    ClaimHeirRelation.NAMED_IN_WILL: 7,
    ClaimHeirRelation.OTHER: NOT_ENTITLED,
}

# The register keeps fewer relations; the clerk refines them on the claim if needed.
FROM_REGISTER = {
    HeirRelation.SPOUSE: ClaimHeirRelation.SPOUSE,
    HeirRelation.CHILD: ClaimHeirRelation.CHILD,
    HeirRelation.PARENT: ClaimHeirRelation.PARENT,
    HeirRelation.SIBLING: ClaimHeirRelation.SIBLING,
    HeirRelation.OTHER: ClaimHeirRelation.OTHER,
}


class HeirLike(Protocol):
    @property
    def relation(self) -> ClaimHeirRelation: ...

    @property
    def birth_date(self) -> date | None: ...

    @property
    def full_name(self) -> str: ...


H = TypeVar("H", bound=HeirLike)


def priority(relation: ClaimHeirRelation) -> int:
    return PRIORITY[relation]


def ordered(heirs: Sequence[H]) -> list[H]:
    """Legal order; within a group the spouse first, then the eldest."""

    def key(heir: H) -> tuple[int, int, date, str]:
        spouse_first = 0 if heir.relation is ClaimHeirRelation.SPOUSE else 1
        return (priority(heir.relation), spouse_first, heir.birth_date or date.max, heir.full_name)

    return sorted(heirs, key=key)


def entitled_priority(heirs: Sequence[HeirLike]) -> int | None:
    """The group that inherits: the highest one present, or None when nobody qualifies."""
    groups = [priority(h.relation) for h in heirs if priority(h.relation) != NOT_ENTITLED]
    return min(groups, default=None)


def is_entitled(heir: HeirLike, heirs: Sequence[HeirLike]) -> bool:
    return priority(heir.relation) == entitled_priority(heirs)
