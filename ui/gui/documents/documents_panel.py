"""Surat & PKS: the letter register first; clerks who may write letters also get the letter form,
the agreement form, the signatories and the templates."""

from __future__ import annotations

from typing import Any

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QTabWidget, QVBoxLayout, QWidget

from services import documents as docs
from services.core.permissions import Permission
from ui.gui.app_context import AppContext
from ui.gui.documents.agreement_page import AgreementPage
from ui.gui.documents.letter_page import LetterPage
from ui.gui.documents.letter_register_tab import LetterRegisterTab
from ui.gui.documents.signatories_tab import SignatoriesTab
from ui.gui.documents.templates_tab import TemplatesTab
from ui.gui.widgets.notice_banner import Tone

LETTER_REGISTER = "Buku agenda"
LETTER = "Surat baru"
AGREEMENT = "Perjanjian Kerja Sama"
SIGNATORIES = "Penandatangan"
TEMPLATES = "Templat"


class DocumentsPanel(QWidget):
    def __init__(self, app: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._app = app
        self.tabs = QTabWidget(self)
        self.letter_register = LetterRegisterTab(app, self)
        self.tabs.addTab(self.letter_register, LETTER_REGISTER)
        self.letters: LetterPage | None = None
        self.agreement: AgreementPage | None = None
        self.signatories: SignatoriesTab | None = None
        self.templates: TemplatesTab | None = None
        if app.can(Permission.LETTERS):
            self.letters = LetterPage(app, self)
            self.agreement = AgreementPage(app, self)
            self.signatories = SignatoriesTab(app, self)
            self.templates = TemplatesTab(app, self)
            self.tabs.addTab(self.letters, LETTER)
            self.tabs.addTab(self.agreement, AGREEMENT)
            self.tabs.addTab(self.signatories, SIGNATORIES)
            self.tabs.addTab(self.templates, TEMPLATES)
            self._connect()
        self._lay_out()
        self.letter_register.reload()

    def tab_titles(self) -> list[str]:
        return [self.tabs.tabText(i) for i in range(self.tabs.count())]

    def show_tab(self, title: str) -> QWidget:
        index = self.tab_titles().index(title)
        self.tabs.setCurrentIndex(index)
        page = self.tabs.widget(index)
        assert page is not None  # the index came from the tabs' own titles
        return page

    def write_claim_letter(self, claim_id: int) -> bool:
        """The Surat baru tab with a claim letter filled from the claim record."""
        if self.letters is None:
            return False
        self.show_tab(LETTER)
        return self.letters.start_claim_letter(claim_id)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not event.spontaneous():
            self.letter_register.reload()  # other clerks number letters too

    def _correct(self, number: str, stored: dict[str, Any]) -> None:
        if stored.get("kind") == docs.DocumentKind.AGREEMENT.value:
            assert self.agreement is not None
            self.agreement.load_correction(number, stored)
            self.show_tab(AGREEMENT)
        else:
            assert self.letters is not None
            self.letters.load_correction(number, stored)
            self.show_tab(LETTER)

    def _issued(self, issued: docs.IssuedDocument) -> None:
        self.letter_register.reload()
        self.letter_register.select_number(issued.number)

    def _signatories_changed(self) -> None:
        pages: list[LetterPage | AgreementPage] = [p for p in (self.letters, self.agreement) if p]
        for page in pages:
            refused = page.reload_signatories()
            if refused:
                page.banner.show_message(refused, Tone.ERROR)

    def _tab_shown(self, index: int) -> None:
        widget = self.tabs.widget(index)
        if widget is self.signatories and self.signatories is not None:
            self.signatories.reload()

    def _connect(self) -> None:
        assert self.letters is not None and self.agreement is not None
        assert self.signatories is not None
        self.letter_register.correction_requested.connect(self._correct)
        self.letters.issued.connect(self._issued)
        self.agreement.issued.connect(self._issued)
        self.signatories.changed.connect(self._signatories_changed)
        self.tabs.currentChanged.connect(self._tab_shown)

    def _lay_out(self) -> None:
        title = QLabel("Surat dinas dan Perjanjian Kerja Sama", self)
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        title.setFont(font)
        top = QHBoxLayout()
        top.addWidget(title)
        top.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 8)
        layout.addLayout(top)
        layout.addWidget(self.tabs, 1)
