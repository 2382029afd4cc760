"""The rows of one heir (ahli waris) — who they are and where the benefit is paid — shared by
the register's heir dialog and the claim's, which differ in the relation list, the NIK hint
and whether the heir's address is asked."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any, Protocol

from PySide6.QtWidgets import QLineEdit, QWidget

from ui.gui.widgets.choice_combo import ChoiceCombo
from ui.gui.widgets.date_field import DateField
from ui.gui.widgets.field_rows import FieldRows


class Heir(Protocol):
    """What the register's HeirInput and the claim's ClaimHeirInput both carry."""

    full_name: str
    relation: Any
    nik: str | None
    birth_date: date | None
    phone: str | None
    bank_name: str | None
    bank_account_number: str | None
    bank_account_holder: str | None


class HeirFields:
    def __init__(
        self,
        parent: QWidget,
        relations: Mapping[Any, str],  # each relation and its label, in the list's order
        nik_hint: str,
        *,
        with_address: bool = False,
    ) -> None:
        # Rows are added in the order the clerk tabs through them; the dialog may add more.
        self.rows = FieldRows(parent)
        self._parent = parent
        self.full_name = self._line("Nama lengkap", "full_name")
        self.relation = ChoiceCombo(parent)
        self.relation.set_choices([(v, k) for k, v in relations.items()], "— pilih —")
        self.rows.add("Hubungan", self.relation, "relation")
        self.nik = self._line("NIK", "nik", nik_hint)
        self.birth_date = DateField(parent)
        self.rows.add("Tanggal lahir", self.birth_date, "birth_date")
        self.phone = self._line("No. HP", "phone")
        self.address = self._line("Alamat", "address") if with_address else None
        self.bank_name = self._line("Nama bank", "bank_name", "misalnya BRI, BNI, Bank NTT")
        self.account_number = self._line("No. rekening", "bank_account_number")
        self.account_holder = self._line(
            "Atas nama", "bank_account_holder", "nama pemilik rekening, sesuai buku tabungan"
        )

    def values(self) -> dict[str, Any]:
        """What was typed, as the heir's field names (for ``dataclasses.replace``)."""
        values = {
            "full_name": self.full_name.text().strip().upper(),
            "relation": self.relation.value(),
            "nik": _text(self.nik),
            "birth_date": self.birth_date.value(),
            "phone": _text(self.phone),
            "bank_name": _text(self.bank_name),
            "bank_account_number": _text(self.account_number),
            "bank_account_holder": _text(self.account_holder, upper=True),
        }
        if self.address is not None:
            values["address"] = _text(self.address)
        return values

    def load(self, heir: Heir) -> None:
        self.full_name.setText(heir.full_name)
        self.relation.set_value(heir.relation)
        self.nik.setText(heir.nik or "")
        self.birth_date.set_value(heir.birth_date)
        self.phone.setText(heir.phone or "")
        if self.address is not None:
            # Only the claim's heir has an address, and only its dialog asks for it.
            self.address.setText(getattr(heir, "address", None) or "")
        self.bank_name.setText(heir.bank_name or "")
        self.account_number.setText(heir.bank_account_number or "")
        self.account_holder.setText(heir.bank_account_holder or "")

    def _line(self, label: str, field: str, hint: str = "") -> QLineEdit:
        edit = QLineEdit(self._parent)
        edit.setPlaceholderText(hint)
        self.rows.add(label, edit, field)
        return edit


def _text(edit: QLineEdit, *, upper: bool = False) -> str | None:
    text = edit.text().strip()
    return (text.upper() if upper else text) or None
