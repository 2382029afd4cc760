"""A database that is busy or gone: say so, offer "Coba lagi", keep what the clerk typed.

Every clerk action that reaches the database goes through :func:`with_retry`.
A locked SQLite file or a server that is briefly away is the environment's
fault, not the clerk's: they may try again at once, and nothing on screen is
lost while they decide. If they give up, the error goes back to the caller,
which shows it where the action was started (a banner in the form):
:func:`call_or_show` is that whole round for a quick call, at one line and a check::

    rows = call_or_show(self, self.banner, lambda: search_audit(ctx, criteria))
    if rows is FAILED:
        return False

Slow calls go through ui/gui/tasks.py instead, which has the same failure path.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import Enum
from typing import Final, Literal, TypeVar

from PySide6.QtWidgets import QMessageBox, QWidget

from services.core.errors import DatabaseUnavailableError, SiRentanError
from ui.gui.widgets.notice_banner import NoticeBanner, Tone

T = TypeVar("T")

RETRY = "Coba lagi"
GIVE_UP = "Tutup"


def ask_retry(parent: QWidget | None, error: DatabaseUnavailableError) -> bool:
    """True when the clerk wants the same action tried again."""
    box = QMessageBox(
        QMessageBox.Icon.Warning, "Basis data tidak tersedia", error.message, parent=parent
    )
    box.setInformativeText(
        "Isian Anda masih di layar. Coba lagi setelah jaringan atau basis data kembali."
    )
    retry = box.addButton(RETRY, QMessageBox.ButtonRole.AcceptRole)
    give_up = box.addButton(GIVE_UP, QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(retry)
    box.setEscapeButton(give_up)
    box.exec()
    return box.clickedButton() is retry


def with_retry(parent: QWidget | None, action: Callable[[], T]) -> T:
    """``action()``, asked again for as long as the database is away and the clerk agrees."""
    while True:
        try:
            return action()
        except DatabaseUnavailableError as error:
            if not ask_retry(parent, error):
                raise


class _Failed(Enum):
    FAILED = "failed"


# What call_or_show returns when the clerk was shown why it did not work.
FAILED: Final = _Failed.FAILED


def call_or_show(
    parent: QWidget | None, banner: NoticeBanner, action: Callable[[], T]
) -> T | Literal[_Failed.FAILED]:
    """``with_retry(parent, action)``; an expected error is shown in ``banner`` instead
    (its Indonesian message, as an error) and FAILED comes back. A bug still propagates
    to the error hook."""
    try:
        return with_retry(parent, action)
    except SiRentanError as error:
        banner.show_message(error.message, Tone.ERROR)
        return FAILED
