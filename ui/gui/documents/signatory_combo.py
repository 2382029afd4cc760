"""The active signatories to choose from; reloaded when the Penandatangan tab changes them."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from services import documents as docs
from services.core.context import ServiceContext
from services.core.errors import SiRentanError
from ui.gui.widgets.choice_combo import ChoiceCombo

NONE_YET = "(belum ada penandatangan — tambahkan di tab Penandatangan)"


class SignatoryCombo(ChoiceCombo):
    def __init__(
        self, ctx: ServiceContext, prefer_regional_head: bool, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._ctx = ctx
        # Letters are mostly signed by the Kepala Dinas, the agreement by the Bupati.
        self._prefer_regional_head = prefer_regional_head
        self.setMinimumContentsLength(24)
        self.signatories: list[docs.SignatoryItem] = []

    def reload(self) -> str | None:
        """Read the active signatories again; the refusal's message when the database says
        no (the list is then left as it was)."""
        had_choice = self.value() is not None
        try:
            self.signatories = docs.list_signatories(self._ctx)
        except SiRentanError as error:
            return error.message
        self.set_choices([(s.label, s.id) for s in self.signatories], None)
        if not self.signatories:
            self.set_choices([], NONE_YET)
        elif not had_choice:
            preferred = next(
                (s for s in self.signatories if s.regional_head == self._prefer_regional_head),
                self.signatories[0],
            )
            self.set_value(preferred.id)
        return None

    def choose(self, signatory_id: int | None) -> bool:
        """Select a signatory; False when they are no longer active (a correction of an old
        letter), so the form can say so."""
        if signatory_id is None or self.index_of(signatory_id) < 0:
            return False
        self.set_value(signatory_id)
        return True
