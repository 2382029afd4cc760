"""The register's and the claim's heir dialogs over their shared heir rows: each gives back
what it was opened with, offers its own relation list, asks the address only on a claim,
and tabs through the fields in the order they are shown."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QComboBox, QLineEdit, QWidget
from pytestqt.qtbot import QtBot

from models.enums import ClaimHeirRelation, EducationLevel, HeirRelation
from services.claims import ClaimHeirInput
from services.claims.labels import HEIR_RELATION as CLAIM_HEIR_RELATION
from services.core.errors import Problem
from services.text.labels import HEIR_RELATION
from services.workers.types import HeirInput
from tests.present import present
from ui.gui.claims.heir_dialogs import ClaimHeirDialog
from ui.gui.worker_form.heir_dialog import HeirDialog

REGISTERED = HeirInput(
    full_name="YOSEF BANO",
    relation=HeirRelation.SPOUSE,
    nik="5303051203800002",
    birth_date=date(1980, 3, 12),
    phone="081234567890",
    bank_name="BRI",
    bank_account_number="0012345678",
    bank_account_holder="YOSEF BANO",
    id=7,
)
ON_CLAIM = ClaimHeirInput(
    full_name="MARIA BANO",
    relation=ClaimHeirRelation.CHILD,
    nik="5303054107100003",
    birth_date=date(2010, 7, 1),
    phone="081298765432",
    address="Desa Aplasi RT 02",
    bank_name="Bank NTT",
    bank_account_number="0098765432",
    bank_account_holder="YOSEF BANO",
    education_level=next(iter(EducationLevel)),
    note="Ikut ibu",
    heir_id=7,
    id=3,
)


def no_refusal(_heir: ClaimHeirInput) -> list[Problem]:
    return []


def tab_chain(first: QWidget) -> list[QWidget]:
    """The inputs the clerk reaches with Tab, from the first one on, each once."""
    # Qt's focus chain is a ring: the next widget is always there.
    chain, widget = [first], present(first.nextInFocusChain())
    while widget is not first:
        if isinstance(widget, QLineEdit | QComboBox) and widget not in chain:
            chain.append(widget)
        widget = present(widget.nextInFocusChain())
    return chain


def test_the_register_dialog_gives_back_its_heir_without_an_address(qtbot: QtBot) -> None:
    dialog = HeirDialog(REGISTERED)
    qtbot.addWidget(dialog)
    assert dialog.heir() == REGISTERED
    assert dialog.fields.relation.values() == [None, *HEIR_RELATION]
    assert dialog.fields.address is None and not dialog.rows.owns("address")
    fields = dialog.fields
    assert tab_chain(fields.full_name) == [
        fields.full_name,
        fields.relation,
        fields.nik,
        fields.birth_date,
        fields.phone,
        fields.bank_name,
        fields.account_number,
        fields.account_holder,
    ]


def test_the_claim_dialog_gives_back_its_heir_with_address_and_scholarship(
    qtbot: QtBot,
) -> None:
    dialog = ClaimHeirDialog(ON_CLAIM, 0, no_refusal)
    qtbot.addWidget(dialog)
    assert dialog.heir() == ON_CLAIM
    assert dialog.fields.relation.values() == [None, *CLAIM_HEIR_RELATION]
    assert dialog.rows.owns("address") and dialog.rows.owns("education_level")
    fields = dialog.fields
    assert tab_chain(fields.full_name) == [
        fields.full_name,
        fields.relation,
        fields.nik,
        fields.birth_date,
        fields.phone,
        fields.address,
        fields.bank_name,
        fields.account_number,
        fields.account_holder,
        dialog.education,
        dialog.note,
    ]


def test_typed_names_are_stored_in_capitals_and_empty_fields_as_nothing(qtbot: QtBot) -> None:
    dialog = ClaimHeirDialog(None, 0, no_refusal)
    qtbot.addWidget(dialog)
    fields = dialog.fields
    fields.full_name.setText("  maria bano ")
    fields.account_holder.setText("yosef bano")
    present(fields.address).setText("   ")  # the claim heir dialog has an address
    heir = dialog.heir()
    assert (heir.full_name, heir.bank_account_holder) == ("MARIA BANO", "YOSEF BANO")
    assert heir.address is None and heir.nik is None and heir.bank_name is None
