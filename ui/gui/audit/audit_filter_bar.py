"""Which audit entries to show: a period, a clerk, an action, a kind of record, a text."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGridLayout, QLabel, QLineEdit, QPushButton, QWidget

from services.audit.query import AuditFilter
from ui.gui.audit.change_text import ACTIONS, ENTITIES
from ui.gui.signals import emit
from ui.gui.widgets.choice_combo import ChoiceCombo
from ui.gui.widgets.date_field import DateField

ALL_USERS = "— semua pengguna —"
ALL_ACTIONS = "— semua tindakan —"
ALL_ENTITIES = "— semua data —"


class AuditFilterBar(QWidget):
    # The clerk asked for the entries of these filters.
    submitted = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.date_from = DateField(self)
        self.date_to = DateField(self)
        self.user = ChoiceCombo(self)
        self.user.set_choices([], ALL_USERS)
        self.action = ChoiceCombo(self)
        self.action.set_choices([(label, a) for a, label in ACTIONS.items()], ALL_ACTIONS)
        self.entity = ChoiceCombo(self)
        self.entity.set_choices([(label, e) for e, label in ENTITIES.items()], ALL_ENTITIES)
        self.text = QLineEdit(self)
        self.text.setPlaceholderText("nama, NIK atau nama pengguna pada keterangan")
        self.text.setClearButtonEnabled(True)
        self.search_button = QPushButton("Tampilkan", self)
        self._lay_out()
        self._connect()

    def set_users(self, usernames: list[str]) -> None:
        self.user.set_choices([(name, name) for name in usernames], ALL_USERS)

    def criteria(self) -> AuditFilter:
        return AuditFilter(
            date_from=self.date_from.value(),
            date_to=self.date_to.value(),
            user_name=self.user.value(),
            action=self.action.value(),
            entity=self.entity.value(),
            text=self.text.text().strip() or None,
        )

    def _lay_out(self) -> None:
        for combo in (self.user, self.action, self.entity):
            # Long labels must not push the section wider than a 1024-pixel screen.
            combo.setSizeAdjustPolicy(combo.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(14)
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.addWidget(QLabel("Dari tanggal", self), 0, 0)
        grid.addWidget(self.date_from, 0, 1)
        grid.addWidget(QLabel("sampai", self), 0, 2)
        grid.addWidget(self.date_to, 0, 3)
        grid.addWidget(QLabel("Pengguna", self), 0, 4)
        grid.addWidget(self.user, 0, 5)
        grid.addWidget(QLabel("Tindakan", self), 1, 0)
        grid.addWidget(self.action, 1, 1)
        grid.addWidget(QLabel("Data", self), 1, 2)
        grid.addWidget(self.entity, 1, 3)
        grid.addWidget(QLabel("Teks", self), 1, 4)
        grid.addWidget(self.text, 1, 5)
        grid.addWidget(self.search_button, 1, 6)
        grid.setColumnStretch(5, 1)

    def _connect(self) -> None:
        def submit(*_args: object) -> None:
            emit(self.submitted)

        for combo in (self.user, self.action, self.entity):
            combo.activated.connect(submit)
        for edit in (self.date_from, self.date_to, self.text):
            edit.returnPressed.connect(submit)
        for field in (self.date_from, self.date_to):
            field.changed.connect(lambda field=field: self._date_changed(field))
        self.search_button.clicked.connect(submit)

    def _date_changed(self, field: DateField) -> None:
        # Typing emits too; only a whole date (or an emptied field) asks again.
        if field.value() is not None or not field.text().strip():
            emit(self.submitted)
