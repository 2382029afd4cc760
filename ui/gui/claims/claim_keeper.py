"""The claim a dialog works on: every stored change goes through here, so each tab shows
the same, fresh ``ClaimDetail`` and the other screens hear of the change."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from services import claims
from services.claims import ClaimDetail
from services.claims.records import LOCKED
from services.core.context import ServiceContext
from services.core.errors import SiRentanError
from services.core.permissions import Permission
from ui.gui.app_context import AppContext
from ui.gui.claims.claim_events import claim_events
from ui.gui.retry import FAILED, call_or_show, with_retry
from ui.gui.signals import emit
from ui.gui.tasks import Tasks
from ui.gui.widgets.notice_banner import NoticeBanner

Change = Callable[[ServiceContext, ClaimDetail], ClaimDetail]


class ClaimKeeper(QObject):
    # The claim as stored now (after a change, or read again).
    changed = Signal(object)  # ClaimDetail

    def __init__(self, app: AppContext, parent: QWidget) -> None:
        super().__init__(parent)
        self.app = app
        self._parent = parent
        self.detail: ClaimDetail | None = None
        # Slow work (scans, the slip): one job at a time, off the GUI thread.
        self.tasks = Tasks(self)
        self.busy = False

    @property
    def editable(self) -> bool:
        """This clerk may change the claim's contents (its status follows ``next_steps``)."""
        detail = self.detail
        return self.app.can(Permission.CLAIMS) and (detail is None or detail.status not in LOCKED)

    def show(self, detail: ClaimDetail, stored: bool = False) -> None:
        before = self.detail
        self.detail = detail
        emit(self.changed, detail)
        if not stored:
            return
        emit(claim_events(self.app).claim_changed, detail.id, detail.worker.id)
        if before is not None and before.worker.status is not detail.worker.status:
            # A paid death claim records the worker as deceased: the worker list shows it.
            emit(self.app.events.workers_changed, detail.worker.id)

    def store(self, change: Change) -> ClaimDetail:
        """One service write on the current claim; a SiRentanError goes to the caller."""
        detail = self.detail
        assert detail is not None
        ctx = self.app.ctx
        fresh = with_retry(self._parent, lambda: change(ctx, detail))
        self.show(fresh, stored=True)
        return fresh

    def try_store(self, change: Change, banner: NoticeBanner) -> bool:
        """``store``, with a refusal said in ``banner``; after a conflict the claim is read
        again, so the clerk sees what the other clerk stored."""
        stored = call_or_show(
            self._parent, banner, lambda: self.store(change), reload=self.reload, retry=False
        )
        if stored is FAILED:
            return False
        banner.clear_message()
        return True

    def store_later(self, change: Change, banner: NoticeBanner, settle: Callable[[], None]) -> bool:
        """``store`` on the background queue (a scan to read and send); False while busy."""
        detail = self.detail
        if detail is None or self.busy:
            return False
        ctx = self.app.ctx
        self.busy = True

        def done(fresh: ClaimDetail) -> None:
            banner.clear_message()
            self.show(fresh, stored=True)

        self.tasks.run(
            lambda: change(ctx, detail), done, banner, settle=lambda: self._settle(settle)
        )
        return True

    def _settle(self, settle: Callable[[], None]) -> None:
        self.busy = False
        settle()

    def reload(self) -> bool:
        detail = self.detail
        if detail is None:
            return False
        ctx = self.app.ctx
        try:
            fresh = with_retry(self._parent, lambda: claims.get_claim(ctx, detail.id))
        except SiRentanError:
            return False  # the caller's own message says what went wrong
        self.show(fresh)
        return True
