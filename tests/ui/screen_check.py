"""Does a window fit its screen? Every visible button must lie inside the work area."""

from __future__ import annotations

from PySide6.QtCore import QRect
from PySide6.QtGui import QGuiApplication, QScreen
from PySide6.QtWidgets import QAbstractButton, QAbstractScrollArea, QTabBar, QWidget

LAPTOP = "a-laptop-1366"  # tests/ui/screens.json
SMALL = "b-small-1024"


def screen_named(name: str) -> QScreen:
    for screen in QGuiApplication.screens():
        if screen.name() == name:
            return screen
    raise AssertionError(f"no offscreen screen {name!r}: see tests/ui/screens.json")


def _global_rect(widget: QWidget) -> QRect:
    return QRect(widget.mapToGlobal(widget.rect().topLeft()), widget.size())


def _scrolled(widget: QWidget, top: QWidget) -> QAbstractScrollArea | None:
    """The scroll area whose content holds the widget: there it is reached by scrolling."""
    parent = widget.parentWidget()
    while parent is not None and parent is not top:
        grand = parent.parentWidget()
        if isinstance(grand, QAbstractScrollArea) and parent is grand.viewport():
            return grand
        parent = grand
    return None


def off_screen(window: QWidget, screen: QScreen) -> list[str]:
    """What of the window lies outside the screen's work area (empty: it fits)."""
    area = screen.availableGeometry()
    problems = []
    frame = window.frameGeometry()
    if not area.contains(frame):
        problems.append(f"{type(window).__name__} {frame.getRect()} outside {area.getRect()}")
    inside = _global_rect(window)
    controls: list[QWidget] = [*window.findChildren(QAbstractButton), *window.findChildren(QTabBar)]
    for control in controls:
        if not control.isVisible() or control.width() == 0:
            continue
        holder = _scrolled(control, window)
        target = holder if holder is not None else control
        if not target.isVisible():
            continue
        rect = _global_rect(target)
        if not (area.contains(rect) and inside.contains(rect)):
            label = control.text() if isinstance(control, QAbstractButton) else "tab bar"
            problems.append(f"{type(control).__name__} {label!r} at {rect.getRect()}")
    return problems
