"""Every window that opens stays inside the screen's work area.

Dialogs ask for a comfortable size (a PDF preview wants 780 pixels of height, the
claim dialog 1040 of width); on a 1366×768 laptop or a 1024×768 screen that puts
their buttons below or beside the edge. One application-wide event filter clamps
every window, as it is shown, to the work area of its screen and moves it back
inside: the layouts then shrink what can shrink (tables, previews, scrolled forms),
so the buttons at the bottom stay visible.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QRect
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QDialog, QWidget


def screen_area(widget: QWidget) -> QRect:
    """The work area (screen minus task bar) of the screen the widget is on."""
    parent = widget.parentWidget()
    screen = (parent.window() if parent is not None else widget).screen()
    screen = screen or QGuiApplication.primaryScreen()
    return screen.availableGeometry()


def fit_inside(widget: QWidget) -> None:
    """Shrink a window to the work area where it is bigger, and move it fully inside."""
    area = screen_area(widget)
    frame = widget.frameGeometry()
    extra_w = frame.width() - widget.width()
    extra_h = frame.height() - widget.height()
    width = min(widget.width(), area.width() - extra_w)
    height = min(widget.height(), area.height() - extra_h)
    if (width, height) != (widget.width(), widget.height()):
        widget.resize(width, height)
    frame = widget.frameGeometry()
    x = min(max(frame.x(), area.left()), area.right() + 1 - frame.width())
    y = min(max(frame.y(), area.top()), area.bottom() + 1 - frame.height())
    if (x, y) != (frame.x(), frame.y()):
        widget.move(max(x, area.left()), max(y, area.top()))


class ScreenFitter(QObject):
    """Application-wide: fits each dialog into its screen when shown (the main window is
    fitted when built, see ui.gui.window_setup.fit_to_screen)."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.Show
            and isinstance(watched, QDialog)
            and not watched.isMaximized()
            and not watched.isFullScreen()
        ):
            fit_inside(watched)
        return False


def install_screen_fitter() -> None:
    app = QApplication.instance()
    if app is not None and not app.findChildren(ScreenFitter):
        app.installEventFilter(ScreenFitter(app))
