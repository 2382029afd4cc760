"""Which problems the clerk sees, and where: under fields, on the tabs, in the banner."""

from __future__ import annotations

from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QStyle, QTabWidget

from services.core.errors import Problem
from ui.gui.widgets.notice_banner import NoticeBanner, Tone
from ui.gui.worker_form.form_tab import FormTab
from ui.gui.worker_form.heirs_tab import HEIRS_FIELD


def merge(local: list[Problem], found: list[Problem]) -> list[Problem]:
    """The form's own findings win: a date typed wrong reaches the service as "empty"."""
    fields = {p.field for p in local}
    return local + [p for p in found if p.field not in fields]


class ProblemBoard:
    def __init__(
        self, tabs: QTabWidget, pages: list[tuple[FormTab, str]], banner: NoticeBanner
    ) -> None:
        self._tabs = tabs
        self._pages = pages
        self._banner = banner
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
        for index, (page, title) in enumerate(self._pages):
            page.show_problems(self.problems)
            mine = [p for p in self.problems if page.owns(p.field)]
            self._tabs.setTabIcon(index, self._icon(mine))
            self._tabs.setTabToolTip(index, "\n".join(p.text for p in mine) or title)
        stray = [p for p in self.problems if self._page_of(p) is None]
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
        stray = "".join(f"\n- {p.text}" for p in errors if self._page_of(p) is None)
        self._banner.show_message(
            f"Data belum disimpan: {len(errors)} kesalahan perlu diperbaiki{where}. "
            f"Lihat pesan merah di bawah isian; yang sudah diketik tetap ada.{stray}",
            Tone.ERROR,
        )
        first = next((p for p in errors if self._page_of(p) is not None), None)
        if first is not None:
            page = self._page_of(first)
            assert page is not None
            self._tabs.setCurrentWidget(page)
            page.focus_field(first.field)

    def _page_of(self, problem: Problem) -> FormTab | None:
        return next((page for page, _title in self._pages if page.owns(problem.field)), None)

    def _is_touched(self, field: str) -> bool:
        is_heir = field.startswith("heirs[")
        return field in self._touched or (is_heir and HEIRS_FIELD in self._touched)

    def _icon(self, problems: list[Problem]) -> QIcon:
        if not problems:
            return QIcon()
        errors = any(p.is_error for p in problems)
        pixmap = QStyle.StandardPixmap.SP_MessageBoxCritical
        if not errors:
            pixmap = QStyle.StandardPixmap.SP_MessageBoxWarning
        return self._tabs.style().standardIcon(pixmap)
