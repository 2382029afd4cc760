"""How many of a print selection already have a card (they need a reprint reason)."""

from __future__ import annotations

from dataclasses import replace

from services.cards import PrintRequest, card_history
from services.workers.types import CardFilter, WorkerQuery
from ui.gui.app_context import AppContext


def count_with_card(app: AppContext, request: PrintRequest) -> tuple[int, int]:
    """(workers in the selection, of them those who already have a card)."""
    if request.worker_ids:
        # A worker's card history is empty until the first print, and never shrinks.
        carded = sum(1 for worker in request.worker_ids if card_history(app.ctx, worker))
        return len(request.worker_ids), carded
    query = WorkerQuery(
        kecamatan_code=request.kecamatan_code,
        village_code=request.village_code,
        card=CardFilter.NOT_PRINTED if request.not_printed else None,
    )
    total = app.workers.count(query)
    if request.not_printed:
        return total, 0
    never = app.workers.count(replace(query, card=CardFilter.NOT_PRINTED))
    return total, total - never
