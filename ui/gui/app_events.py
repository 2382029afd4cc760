"""The application's one message board: screens say what changed, others decide to reload."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal


class AppEvents(QObject):
    # A worker was created, edited or changed status (its id).
    workers_changed = Signal(int)
    # Open the worker form: a worker id, or None for a new worker.
    open_worker_requested = Signal(object)
    # Register a new worker with this NIK filled in (the front desk found none).
    register_requested = Signal(str)
    # Find workers by name in the Peserta list (a name typed at the front desk).
    name_search_requested = Signal(str)
    # The Peserta list filtered to a Beranda bar: a DrillDown and a kecamatan code or None.
    worker_list_drill_requested = Signal(object, object)
    # A claim letter filled from this claim (its id), in Surat & PKS.
    claim_letter_requested = Signal(int)
