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

A form's save is :func:`call_or_place`: the problems of refused input go under their
fields (:func:`under_fields`), the banner says the rest. Either takes ``reload`` for an
edit another clerk saved first: the record is shown as it is now, the banner says why.

Slow calls go through ui/gui/tasks.py instead, which has the same failure path.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import Enum
from typing import Final, Literal, TypeVar

from PySide6.QtWidgets import QMessageBox, QWidget

from services.core.errors import (
    ConflictError,
    DatabaseUnavailableError,
    Problem,
    SiRentanError,
    ValidationError,
)
from ui.gui.widgets.field_rows import FieldRows
from ui.gui.widgets.notice_banner import NoticeBanner, Tone

T = TypeVar("T")

RETRY = "Coba lagi"
GIVE_UP = "Tutup"
# The banner of a form whose refused input is all under its fields.
UNSAVED = "Belum disimpan: periksa isian yang ditandai merah."


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
    parent: QWidget | None,
    banner: NoticeBanner,
    action: Callable[[], T],
    *,
    reload: Callable[[], object] | None = None,
    retry: bool = True,
) -> T | Literal[_Failed.FAILED]:
    """``with_retry(parent, action)``; an expected error is shown in ``banner`` instead
    (its Indonesian message, as an error) and FAILED comes back. With ``reload``, a
    ConflictError first shows the record as it is now, then its message as a warning
    (nothing is wrong with the input: it has to be made again on the newer record).
    ``retry=False`` for an action that asks itself (a ClaimKeeper store) or reaches no
    database (a local file). A bug still propagates to the error hook."""
    try:
        return with_retry(parent, action) if retry else action()
    except SiRentanError as error:
        _show(banner, error, reload)
        return FAILED


def _show(banner: NoticeBanner, error: SiRentanError, reload: Callable[[], object] | None) -> None:
    if isinstance(error, ConflictError) and reload is not None:
        reload()
        banner.show_message(error.message, Tone.WARNING)
    else:
        banner.show_message(error.message, Tone.ERROR)


def call_or_place(
    parent: QWidget | None,
    banner: NoticeBanner,
    place: Callable[[list[Problem]], object],
    action: Callable[[], T],
    *,
    reload: Callable[[], object] | None = None,
    retry: bool = True,
    conflict: Callable[[ConflictError], object] | None = None,
) -> T | Literal[_Failed.FAILED]:
    """:func:`call_or_show` for a form: when the service refuses the input, its problems go
    to ``place`` (under their fields; e.g. :func:`under_fields`) rather than the banner.
    ``conflict`` takes an edit another clerk saved first instead of the banner (the worker
    form compares both clerks' changes)."""
    try:
        return with_retry(parent, action) if retry else action()
    except ValidationError as error:
        place(error.problems)
        return FAILED
    except SiRentanError as error:
        if isinstance(error, ConflictError) and conflict is not None:
            conflict(error)
        else:
            _show(banner, error, reload)
        return FAILED


def under_fields(
    rows: FieldRows, banner: NoticeBanner, fallback: str | None = None
) -> Callable[[list[Problem]], None]:
    """A ``place`` for :func:`call_or_place`: each problem under its field in ``rows``; the
    banner repeats the errors that have no field there, or says ``fallback`` when every one
    has (no fallback: the banner is left as it was)."""

    def place(problems: list[Problem]) -> None:
        rows.show(problems)
        elsewhere = [p.text for p in problems if p.is_error and not rows.owns(p.field)]
        if elsewhere or fallback:
            banner.show_message("\n".join(elsewhere) or str(fallback), Tone.ERROR)

    return place
