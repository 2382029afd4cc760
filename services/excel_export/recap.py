"""The recap format is report 1 (services/reports/recap.py, written by
services/reports/xlsx.py), counted over the worker list's filters on screen instead of
the report's, so the export and the report never count apart."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import ColumnElement
from sqlalchemy.orm import Session

import services.workers.search as worker_search
from services.core.context import ServiceContext
from services.workers.regions import RegionDirectory
from services.workers.types import WorkerQuery


@dataclass(frozen=True, slots=True)
class ListRecapInputs:
    """services.reports.recap.RecapInputs for the worker list's filters."""

    ctx: ServiceContext
    scope: worker_search.Scope
    query: WorkerQuery
    today: date
    occupations: list[tuple[int, str]]
    regions: RegionDirectory
    lines: tuple[str, ...]  # under the title: district and date, the filter, the scope

    def conditions(self, session: Session) -> list[ColumnElement[bool]]:
        return worker_search.filters(session, self.query, self.scope)

    def name(self, code: str) -> str:
        return self.regions.name(code)

    def subtitle(self) -> tuple[str, ...]:
        return self.lines
