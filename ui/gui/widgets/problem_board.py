"""Which problems the clerk sees, and where: under fields, on the tabs, in the banner.

Shared by the forms that check as the clerk types: a short pause after typing runs the
check, and only fields the clerk has touched speak up until the first save.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QStyle, QTabWidget

from services.core.errors import Problem
from ui.gui.widgets.notice_banner import NoticeBanner, Tone

# Long enough not to check between two keys, short enough to answer before the next field.
CHECK_DELAY_MS = 300


class ShowsProblems(Protocol):
    def show_problems(self, problems: list[Problem]) -> None: ...


class ProblemPage(ShowsProblems, Protocol):
    """A form's tab: shows problems under its fields, and knows which fields are its own."""

    def owns(self, field: str) -> bool: ...

    def focus_field(self, field: str) -> None: ...


def merge(local: list[Problem], found: list[Problem]) -> list[Problem]:
    """The form's own findings win: a date typed wrong reaches the service as "empty"."""
    fields = {p.field for p in local}
    return local + [p for p in found if p.field not in fields]


class ProblemBoard:
    """The check's problems shown under the fields of ``pages``: those of the fields the
    clerk touched, and all of them once he pressed Simpan (or the record is a stored one)."""

    def __init__(self, pages: Sequence[ShowsProblems]) -> None:
        self._shown_on = pages
        self.problems: list[Problem] = []
        # Until the first save, only fields the clerk has touched speak up:
        # a new form must not open covered in "wajib diisi".
        self.show_all = False
        self._touched: set[str] = set()

    def reset(self, show_all: bool) -> None:
        self._touched.clear()
        self.show_all = show_all
        self.present([])

    def touch(self, field: str) -> None:
        self._touched.add(field)

    def present(self, problems: list[Problem]) -> None:
        self.problems = [p for p in problems if self.show_all or self._is_touched(p.field)]
        for page in self._shown_on:
            page.show_problems(self.problems)

    def _is_touched(self, field: str) -> bool:
        # A row of a list ("heirs[0].nik") speaks up once the list ("heirs") was edited.
        listed, is_row, _rest = field.partition("[")
        return field in self._touched or (bool(is_row) and listed in self._touched)


class TabbedProblemBoard(ProblemBoard):
    """Also marks the tabs that hold problems, and lists in the banner those of no field."""

    def __init__(
        self, tabs: QTabWidget, pages: Sequence[tuple[ProblemPage, str]], banner: NoticeBanner
    ) -> None:
        super().__init__([page for page, _title in pages])
        self._tabs = tabs
        self._pages = pages  # in the order of the first tabs
        self._banner = banner

    def present(self, problems: list[Problem]) -> None:
        super().present(problems)
        for index, (page, title) in enumerate(self._pages):
            mine = [p for p in self.problems if page.owns(p.field)]
            self._tabs.setTabIcon(index, self._icon(mine))
            self._tabs.setTabToolTip(index, "\n".join(p.text for p in mine) or title)
        stray = [p for p in self.problems if self._index_of(p) is None]
        if stray:
            self._banner.show_message("\n".join(p.text for p in stray), Tone.ERROR)
        elif self._banner.tone is Tone.ERROR:
            self._banner.clear_message()

    def explain_refusal(self) -> None:
        """Say why nothing was saved, and take the clerk to the first field to fix."""
        errors = [p for p in self.problems if p.is_error]
        titles = [title for page, title in self._pages if any(page.owns(p.field) for p in errors)]
        where = f" di tab {', '.join(titles)}" if titles else ""
        # Findings that belong to no field are listed here, not under one.
        stray = "".join(f"\n- {p.text}" for p in errors if self._index_of(p) is None)
        self._banner.show_message(
            f"Data belum disimpan: {len(errors)} kesalahan perlu diperbaiki{where}. "
            f"Lihat pesan merah di bawah isian; yang sudah diketik tetap ada.{stray}",
            Tone.ERROR,
        )
        owned = ((i, p) for p in errors if (i := self._index_of(p)) is not None)
        first = next(owned, None)
        if first is not None:
            index, problem = first
            self._tabs.setCurrentIndex(index)
            self._pages[index][0].focus_field(problem.field)

    def _index_of(self, problem: Problem) -> int | None:
        owners = (i for i, (page, _title) in enumerate(self._pages) if page.owns(problem.field))
        return next(owners, None)

    def _icon(self, problems: list[Problem]) -> QIcon:
        if not problems:
            return QIcon()
        errors = any(p.is_error for p in problems)
        pixmap = QStyle.StandardPixmap.SP_MessageBoxCritical
        if not errors:
            pixmap = QStyle.StandardPixmap.SP_MessageBoxWarning
        return self._tabs.style().standardIcon(pixmap)
