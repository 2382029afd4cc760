"""The legal order of heirs: who comes first and who is entitled.

The order follows the regulation's own words (PP 46/2015 Pasal 26 ayat (5), the order
BPJS Ketenagakerjaan applies to the death benefits too): a. the widow, widower or
children; b. failing them, in this order: 1. blood relatives in the straight line up and
down to the second degree (parents, grandparents, grandchildren: ONE group, the text
ranks none of them above another, and no source was found for splitting them), 2.
siblings, 3. parents-in-law, 4. whoever the worker's will names, 5. with no will, the
funeral cost goes to whoever arranged the funeral (``arranged_funeral``; not an heir,
see services/claims/payment.py). Only the highest group present is entitled. A spouse
who was no longer married to the worker at the death (divorced) is no heir at all;
"Lainnya" is listed but never entitled.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Protocol, TypeVar

from models.enums import ClaimHeirRelation, HeirRelation

NOT_ENTITLED = 99

PRIORITY = {
    ClaimHeirRelation.SPOUSE: 1,
    ClaimHeirRelation.CHILD: 1,
    ClaimHeirRelation.PARENT: 2,
    ClaimHeirRelation.GRANDCHILD: 2,
    ClaimHeirRelation.GRANDPARENT: 2,
    ClaimHeirRelation.SIBLING: 3,
    ClaimHeirRelation.PARENT_IN_LAW: 4,
    ClaimHeirRelation.NAMED_IN_WILL: 5,
    ClaimHeirRelation.OTHER: NOT_ENTITLED,
}
SOURCE = "PP 46/2015 Pasal 26 ayat (5)"

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

    @property
    def married_at_death(self) -> bool | None: ...


H = TypeVar("H", bound=HeirLike)


def divorced(heir: HeirLike) -> bool:
    """A spouse no longer married to the worker at the death (None counts as married: the
    register's spouse, until the clerk records otherwise)."""
    return heir.relation is ClaimHeirRelation.SPOUSE and heir.married_at_death is False


def priority(relation: ClaimHeirRelation) -> int:
    return PRIORITY[relation]


def rank(heir: HeirLike) -> int:
    """The heir's group in the legal order; a divorced spouse is in none."""
    return NOT_ENTITLED if divorced(heir) else priority(heir.relation)


def ordered(heirs: Sequence[H]) -> list[H]:
    """Legal order; within a group the spouse first, then the eldest."""

    def key(heir: H) -> tuple[int, int, date, str]:
        spouse_first = 0 if heir.relation is ClaimHeirRelation.SPOUSE else 1
        return (rank(heir), spouse_first, heir.birth_date or date.max, heir.full_name)

    return sorted(heirs, key=key)


def entitled_priority(heirs: Sequence[HeirLike]) -> int | None:
    """The group that inherits: the highest one present, or None when nobody qualifies."""
    groups = [rank(h) for h in heirs if rank(h) != NOT_ENTITLED]
    return min(groups, default=None)


def is_entitled(heir: HeirLike, heirs: Sequence[HeirLike]) -> bool:
    return rank(heir) != NOT_ENTITLED and rank(heir) == entitled_priority(heirs)
