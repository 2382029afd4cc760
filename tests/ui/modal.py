"""Answering modal dialogs in GUI tests: each runs its own loop (exec), so the answer
must come from inside that loop. A timer looks for the expected dialog and acts on it."""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QWidget

POLL_MS = 20
# A dialog nobody answers would hang the test; after this it is closed and the test fails.
DEADLINE_MS = 20000


class ModalAnswers:
    """Steps answered in order: each waits for a modal dialog of its type, then acts."""

    def __init__(self) -> None:
        self.steps: deque[tuple[type[QWidget], Callable[[Any], None]]] = deque()
        self.seen: list[QWidget] = []
        self.errors: list[BaseException] = []
        self._waited = 0
        self._last: QWidget | None = None
        # Dialogs whose answer is still running (it may open a dialog of its own).
        self._acting: list[QWidget] = []
        self._timer = QTimer()
        self._timer.setInterval(POLL_MS)
        self._timer.timeout.connect(self._poll)

    def then(self, kind: type[QWidget], act: Callable[[Any], None]) -> ModalAnswers:
        self.steps.append((kind, act))
        self._timer.start()
        return self

    def check(self) -> None:
        """Fail the test if a step raised or was never reached."""
        self._timer.stop()
        if self.errors:
            raise self.errors[0]
        assert not self.steps, f"dialogs never shown: {[k.__name__ for k, _ in self.steps]}"

    def _poll(self) -> None:
        if not self.steps:
            self._watch_last()
            return
        widget = QApplication.activeModalWidget()
        kind, act = self.steps[0]
        if isinstance(widget, kind) and widget.isVisible() and widget not in self._acting:
            self.steps.popleft()
            self.seen.append(widget)
            self._last = widget
            self._waited = 0
            self._acting.append(widget)
            # Acted on from a timer of its own: Qt does not re-enter a running timer, so
            # a nested dialog opened by the answer would never be seen by this one.
            QTimer.singleShot(0, lambda: self._act(widget, act))
            return
        self._waited += POLL_MS
        if self._waited > DEADLINE_MS:
            self.errors.append(AssertionError(f"no {kind.__name__} appeared; saw {widget!r}"))
            self.steps.clear()
            _close(widget)

    def _watch_last(self) -> None:
        """The last dialog answered must close by itself; left open, it would hang the test."""
        last = self._last
        if last in self._acting:
            return  # its answer is still running
        if last is None or not last.isVisible():
            self._timer.stop()
            return
        self._waited += POLL_MS
        if self._waited > DEADLINE_MS:
            self.errors.append(AssertionError(f"{type(last).__name__} stayed open"))
            self._timer.stop()
            _close(last)

    def _act(self, widget: QWidget, act: Callable[[Any], None]) -> None:
        try:
            act(widget)
        except BaseException as error:  # handed to check(); the dialog must not hang
            self.errors.append(error)
            self.steps.clear()
            _close(widget)
        finally:
            self._acting.remove(widget)


def _close(widget: QWidget | None) -> None:
    if isinstance(widget, QDialog):
        # done(), not reject(): a dialog may refuse reject() while it is busy.
        widget.done(QDialog.DialogCode.Rejected)


def click(text: str) -> Callable[[QMessageBox], None]:
    """Press the message box button with this text."""

    def press(box: QMessageBox) -> None:
        button = next((b for b in box.buttons() if b.text() == text), None)
        assert button is not None, f"no button {text!r} in {[b.text() for b in box.buttons()]}"
        button.click()

    return press
