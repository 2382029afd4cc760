"""The occupation reference list clerks pick from."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from models import Occupation
from services.core.context import ServiceContext
from services.core.unit_of_work import read_session


@dataclass(frozen=True, slots=True)
class OccupationItem:
    id: int
    code: str
    name: str


def list_occupations(ctx: ServiceContext) -> list[OccupationItem]:
    with read_session(ctx) as session:
        rows = session.execute(
            select(Occupation.id, Occupation.code, Occupation.name).order_by(
                Occupation.sort_order, Occupation.name
            )
        ).all()
    return [OccupationItem(*row) for row in rows]
