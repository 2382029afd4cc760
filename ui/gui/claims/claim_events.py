"""Claims changed somewhere: the claims section and the worker form's Klaim tab reload.

A child of the application's event board, found again by type, so that every screen
of one signed-in session shares it without a global.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from ui.gui.app_context import AppContext


class ClaimEvents(QObject):
    # A claim was opened or changed: (claim id, worker id).
    claim_changed = Signal(int, int)


def claim_events(app: AppContext) -> ClaimEvents:
    found = app.events.findChild(ClaimEvents)
    return found if found is not None else ClaimEvents(app.events)
