"""The sections of the left navigation. A new section is one line in SECTIONS."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtWidgets import QWidget

from ui.gui.app_context import AppContext
from ui.gui.worker_list.worker_list_panel import WorkerListPanel


@dataclass(frozen=True, slots=True)
class Section:
    title: str
    build: Callable[[AppContext], QWidget]
    tooltip: str = ""


SECTIONS: tuple[Section, ...] = (
    Section("Peserta", WorkerListPanel, "Daftar pekerja rentan peserta BPJS Ketenagakerjaan"),
)
