"""A small form dialog that saves through one service call: fields, a banner for the
service's refusal, "Simpan" and "Batal". Tests fill the fields and call submit()."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from services.core.errors import Problem, ValidationError
from services.text.figures import rupiah_whole
from ui.gui.retry import FAILED, call_or_show
from ui.gui.widgets.money_text import parse_rupiah
from ui.gui.widgets.notice_banner import NoticeBanner


class MoneyEdit(QLineEdit):
    """Whole rupiah, typed as 16800, 16.800 or Rp16.800."""

    def __init__(
        self, parent: QWidget | None = None, amount: int | None = None, example: str = "6.518.400"
    ) -> None:
        super().__init__(parent)
        self.setPlaceholderText(f"mis. {example}")
        if amount is not None:
            self.set_amount(amount)

    def amount(self) -> int | None:
        return parse_rupiah(self.text())

    def set_amount(self, amount: int) -> None:
        self.setText(rupiah_whole(amount).removeprefix("Rp"))


class RecordDialog(QDialog):
    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.banner = NoticeBanner(self)
        self.form = QFormLayout()
        self.form.setVerticalSpacing(8)
        self.buttons = QDialogButtonBox(self)
        self.save_button = self.buttons.addButton("Simpan", QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton("Batal", QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        self.result_row: Any = None
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addLayout(self.form)
        layout.addSpacing(8)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(460)

    def submit(self) -> bool:
        """Check the fields, save through the service; the dialog closes only on success."""
        result_row = call_or_show(self, self.banner, self.save)
        if result_row is FAILED:
            return False
        self.result_row = result_row
        self.accept()
        return True

    def save(self) -> Any:
        """The service call; raise a ValidationError for fields that cannot be read."""
        raise NotImplementedError

    @staticmethod
    def money(edit: MoneyEdit, field: str, label: str, record: str) -> int:
        amount = edit.amount()
        if amount is None:
            text = f"{label} '{edit.text()}' bukan jumlah rupiah utuh; tulis seperti 6.518.400."
            raise ValidationError([Problem("money_unreadable", field, text)], record=record)
        return amount
