"""The form's side of a conflict: show the dialog, then reload, overwrite, or keep editing."""

from __future__ import annotations

from dataclasses import replace
from typing import Protocol

from PySide6.QtWidgets import QPushButton, QWidget

from services.core.errors import ConflictError
from services.workers.merge import changed_fields
from services.workers.types import WorkerDetail, WorkerInput
from ui.gui.app_context import AppContext
from ui.gui.widgets.notice_banner import NoticeBanner, Tone
from ui.gui.worker_form.conflict_dialog import ConflictChoice, ConflictDialog, ask_conflict


class ConflictForm(Protocol):
    """What the conflict flow needs of the worker form (WorkerFormDialog is one), so the
    flow does not import the form that calls it."""

    detail: WorkerDetail | None
    banner: NoticeBanner
    reload_button: QPushButton

    @property
    def app(self) -> AppContext: ...
    @property
    def loaded_input(self) -> WorkerInput: ...
    def latest(self) -> WorkerDetail | None: ...
    def load(self, detail: WorkerDetail | None) -> None: ...
    def show_input(self, data: WorkerInput) -> None: ...
    def collect(self) -> WorkerInput: ...
    def save(self) -> bool: ...
    def window(self) -> QWidget: ...


RELOADED = "Data terbaru dari basis data sudah dimuat."
KEPT = "Isian Anda belum disimpan dan masih di layar; salin bila perlu, lalu tekan Muat ulang."


def resolve_conflict(form: ConflictForm, error: ConflictError) -> bool:
    """True when the clerk chose to overwrite and the merged record was saved."""
    original = form.detail
    assert original is not None  # a new worker cannot be in conflict
    # The service hands the newer record over; a conflict found late (at flush) does not.
    current = error.current if isinstance(error.current, WorkerDetail) else form.latest()
    if current is None:
        return False
    dialog = ConflictDialog(form.app, original, current, my_changes(form, original), form.window())
    choice = ask_conflict(dialog)
    dialog.deleteLater()
    if choice is ConflictChoice.RELOAD:
        form.load(current)
        form.banner.show_message(RELOADED, Tone.INFO)
        return False
    if choice is ConflictChoice.OVERWRITE:
        # Theirs as the base, only my fields on top, saved against their version; if a
        # third clerk saved meanwhile, the next conflict compares against this base.
        form.load(current)
        form.show_input(dialog.merged)
        return form.save()
    form.reload_button.show()
    form.banner.show_message(f"{error.message}\n{KEPT}", Tone.WARNING)
    return False


def my_changes(form: ConflictForm, original: WorkerDetail) -> WorkerInput:
    """The record as it was opened, with only the fields this clerk changed in the form.

    Compared form-to-form (as loaded vs now), so a value the form merely shows
    differently from how it is stored never counts as the clerk's change.
    """
    now = form.collect()
    mine = changed_fields(form.loaded_input, now)
    return replace(original.to_input(), **{name: getattr(now, name) for name in mine})
