"""Keyboard-first helpers shared by forms and dialogs.

- ``first_field_on_show``: a dialog opens with the cursor in its first field, not on its
  tab bar (typed characters were lost and every field shifted by one).
- ``install_first_field_focus``: the same for every other dialog of the application, in
  one place: whatever dialog opens, a first focus Qt put on a tab bar or a push button
  goes to the first field Tab reaches.
- ``TabWalk``: Tab past the last field of a tab page goes on to the next page's first
  field (Shift+Tab back), so a form with tabs is filled without the mouse.
- ``enter_clicks``: Enter on a focused button presses it, as Space does. The forms keep
  no default button (Enter in a field must not save half a form), so without this a
  focused "Simpan" ignored Enter.
- ``with_shortcut``: a button's text shows its shortcut ("Simpan (Ctrl+S)").
"""

from __future__ import annotations

from collections.abc import Callable

import shiboken6
from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QCheckBox,
    QDialog,
    QRadioButton,
    QTabBar,
    QTabWidget,
    QWidget,
)

ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


def with_shortcut(button: QAbstractButton, text: str, keys: str) -> None:
    """Show the shortcut on the button (the shortcut itself is the dialog's QShortcut)."""
    native = QKeySequence(keys).toString(QKeySequence.SequenceFormat.NativeText)
    button.setText(f"{text} ({native})")
    button.setToolTip(f"{text} ({native})")


class _FirstField(QObject):
    def __init__(self, dialog: QWidget, field: QWidget | Callable[[], QWidget]) -> None:
        super().__init__(dialog)
        self._dialog = dialog
        self._field = field
        dialog.installEventFilter(self)

    def field(self) -> QWidget:
        return self._field if isinstance(self._field, QWidget) else self._field()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Show:
            self.field().setFocus(Qt.FocusReason.OtherFocusReason)
            # Once more after Qt has activated the window and placed its own focus.
            QTimer.singleShot(0, self, self._focus_if_lost)
        return False

    def _focus_if_lost(self) -> None:
        focused = self._dialog.focusWidget()
        if focused is None or _is_chrome(focused):
            self.field().setFocus(Qt.FocusReason.OtherFocusReason)


def _is_chrome(widget: QWidget) -> bool:
    """Tab bars and push buttons: where Qt's first focus lands, never what a clerk types
    into (a check box or a radio button is a field: the claim starts at its type)."""
    if isinstance(widget, (QCheckBox, QRadioButton)):
        return False
    return isinstance(widget, (QTabBar, QAbstractButton))


def focus_first_field(dialog: QWidget) -> None:
    """When the dialog's focus is nowhere or on chrome, the first field Tab reaches inside
    the page shown takes it (a dialog of buttons only keeps its default button)."""
    focused = dialog.focusWidget()
    if focused is not None and dialog.isAncestorOf(focused) and not _is_chrome(focused):
        return
    field = next((w for w in focus_chain(dialog) if not _is_chrome(w)), None)
    if field is not None:
        field.setFocus(Qt.FocusReason.OtherFocusReason)


class _FirstFieldEverywhere(QObject):
    """Application-wide: each dialog as it is shown (those with a ``first_field_on_show``
    of their own choose their field themselves)."""

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self._pending: list[QWidget] = []

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.Show
            and isinstance(watched, QDialog)
            and not watched.findChildren(_FirstField)
        ):
            focus_first_field(watched)
            # Once more after Qt has activated the window and placed its own focus. The
            # timer belongs to this filter, not to the dialog: a dialog closed in the
            # meantime is skipped rather than called.
            self._pending.append(watched)
            QTimer.singleShot(0, self, self._settle)
        return False

    def _settle(self) -> None:
        pending, self._pending = self._pending, []
        for dialog in pending:
            if shiboken6.isValid(dialog) and dialog.isVisible():
                focus_first_field(dialog)


def install_first_field_focus() -> None:
    app = QApplication.instance()
    if app is not None and not app.findChildren(_FirstFieldEverywhere):
        app.installEventFilter(_FirstFieldEverywhere(app))


def first_field_on_show(dialog: QWidget, field: QWidget | Callable[[], QWidget]) -> None:
    """Each time the dialog is shown, the cursor starts in ``field`` (or the one the
    callable names then: a stored claim starts at its date, a new one at its type)."""
    _FirstField(dialog, field)


class _EnterClicks(QObject):
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in ENTER_KEYS
            and event.modifiers()
            in (Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.KeypadModifier)
            and isinstance(watched, QAbstractButton)
            and watched.isEnabled()
        ):
            watched.animateClick()
            return True
        return False


def enter_clicks(owner: QObject, *buttons: QAbstractButton) -> None:
    """Enter on any of these buttons, when focused, presses it."""
    handler = _EnterClicks(owner)
    for button in buttons:
        button.installEventFilter(handler)


def focus_chain(page: QWidget) -> list[QWidget]:
    """The widgets Tab reaches inside ``page``, in Tab order."""
    found: list[QWidget] = []
    widget = page.nextInFocusChain()
    seen = 0
    while widget is not None and widget is not page and seen < 2000:
        seen += 1
        if (
            page.isAncestorOf(widget)
            and widget.isVisible()
            and widget.isEnabled()
            and widget.focusPolicy().value & Qt.FocusPolicy.TabFocus.value
            and widget.focusProxy() is None
        ):
            found.append(widget)
        widget = widget.nextInFocusChain()
    return found


class TabWalk:
    """Tab from the last field of a page opens the next page at its first field."""

    def __init__(self, tabs: QTabWidget) -> None:
        self.tabs = tabs

    def step(self, forward: bool) -> bool:
        """Call from the dialog's focusNextPrevChild; True when it moved the focus."""
        focused = QApplication.focusWidget()
        page = self.tabs.currentWidget()
        if focused is None or page is None or not page.isAncestorOf(focused):
            return False
        chain = focus_chain(page)
        if not chain:
            return False
        # Within the page: the next field in Tab order (Qt's own order skips fields after
        # a radio button of a group where none is checked yet).
        widget: QWidget = focused
        for _ in range(2000):
            step = widget.nextInFocusChain() if forward else widget.previousInFocusChain()
            if step is None or step is focused or not page.isAncestorOf(step):
                break
            widget = step
            if any(widget is field for field in chain):
                widget.setFocus(_reason(forward))
                return True
        return self._next_page(forward)

    def _next_page(self, forward: bool) -> bool:
        step = 1 if forward else -1
        index = self.tabs.currentIndex() + step
        while 0 <= index < self.tabs.count():
            if self.tabs.isTabEnabled(index) and self.tabs.isTabVisible(index):
                self.tabs.setCurrentIndex(index)
                page = self.tabs.widget(index)
                fields = focus_chain(page) if page is not None else []
                if fields:
                    (fields[0] if forward else fields[-1]).setFocus(_reason(forward))
                    return True
            index += step
        return False


def _reason(forward: bool) -> Qt.FocusReason:
    return Qt.FocusReason.TabFocusReason if forward else Qt.FocusReason.BacktabFocusReason
