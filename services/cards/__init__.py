"""Participant cards: the one API the GUI, the CLI and tests call.

1. ``prepare_print(ctx, PrintRequest, out_pdf, progress=, cancel=) -> PreparedPrint``:
   who is printed (inactive, deceased, uncovered and already-carded workers
   without a reprint reason are left out, ``plan.notice`` says so), rendered to
   a PDF for the preview; nothing recorded yet.
2. ``confirm_print(ctx, prepared) -> PrintResult``: the batch in the print log
   (first print or reprint with its reason), one transaction, when the clerk
   prints or saves it. ``print_cards`` does 1 and 2 (the CLI).
3. ``list_print_batches``, ``list_cards`` (default: printed, not yet handed
   over), ``hand_over(ctx, HandOver)``, ``card_history(ctx, worker_id)``.
4. ``verify_card(ctx, scanned_text)``: a scanned QR checked against the register.
5. ``card_offsets`` / ``save_card_offsets``: this workstation's printer
   calibration; ``render_calibration_page`` prints the ruler grid.
"""

from services.cards.calibration import card_offsets, save_card_offsets
from services.cards.printing import confirm_print, prepare_print, print_cards
from services.cards.records import card_history, hand_over, list_cards, list_print_batches
from services.cards.render import render_calibration_page
from services.cards.types import (
    CardRecord,
    CardVerification,
    HandOver,
    PreparedPrint,
    PrintBatchInfo,
    PrintPlan,
    PrintRequest,
    PrintResult,
    SkippedWorker,
)
from services.cards.verify import verify_card

__all__ = [
    "CardRecord",
    "CardVerification",
    "HandOver",
    "PreparedPrint",
    "PrintBatchInfo",
    "PrintPlan",
    "PrintRequest",
    "PrintResult",
    "SkippedWorker",
    "card_history",
    "card_offsets",
    "confirm_print",
    "hand_over",
    "list_cards",
    "list_print_batches",
    "prepare_print",
    "print_cards",
    "render_calibration_page",
    "save_card_offsets",
    "verify_card",
]
