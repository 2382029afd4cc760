"""The main window over a signed-in register: built, in Indonesian, fitted to its screen.

Apart from ``app.py`` (the process: logging, one instance, the sign-in loop), so the
launcher that builds a window after each sign-in does not import the module that runs it.
"""

from __future__ import annotations

from pathlib import Path

from ui.gui.collector import collector_paused

# What the main window needs is most of what the app loads: loaded without the
# collector's passes (see ui.gui.collector).
with collector_paused():
    from PySide6.QtCore import QLocale, Qt
    from PySide6.QtGui import QGuiApplication, QScreen
    from PySide6.QtWidgets import QApplication, QWidget

    from services.core.context import ServiceContext
    from ui.gui.app_context import AppContext
    from ui.gui.main_window import MainWindow
    from ui.gui.qt_indonesian import IndonesianQtTexts
    from ui.gui.screen_fit import install_screen_fitter
    from ui.gui.widgets.keyboard import install_first_field_focus

DEFAULT_SIZE = (1280, 800)


def build_main_window(
    ctx: ServiceContext, log_path: Path | None = None, screen: QScreen | None = None
) -> MainWindow:
    """The main window over a signed-in register (tests build it the same way), fitted to
    ``screen`` (by default the primary one)."""
    use_indonesian()
    install_screen_fitter()
    install_first_field_focus()
    window = MainWindow(AppContext.create(ctx, log_path))
    if screen is not None:
        window.setScreen(screen)
    fit_to_screen(window)
    return window


def fit_to_screen(window: QWidget) -> None:
    """The preferred size where the screen has room for it; maximised where it has not.

    An office laptop's 1366×768 or an old 1024×768 screen is smaller than the preferred
    1280×800: there the window takes the whole work area, so the status bar and the
    window's own buttons stay on screen.
    """
    screen = window.screen() or QGuiApplication.primaryScreen()
    area = screen.availableGeometry()
    width, height = DEFAULT_SIZE
    if width <= area.width() and height <= area.height():
        window.resize(width, height)
        window.move(area.center() - window.rect().center())
        return
    window.resize(min(width, area.width()), min(height, area.height()))
    window.move(area.topLeft())
    window.setWindowState(window.windowState() | Qt.WindowState.WindowMaximized)


def use_indonesian() -> None:
    """Calendar month names, and Qt's own buttons and edit menus, in Indonesian."""
    QLocale.setDefault(QLocale(QLocale.Language.Indonesian, QLocale.Country.Indonesia))
    app = QApplication.instance()
    if app is not None and not app.findChildren(IndonesianQtTexts):
        QApplication.installTranslator(IndonesianQtTexts(app))
