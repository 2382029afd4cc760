"""One SiRentan per user on a workstation: a second start brings the first to the front.

Two copies would each make the daily backup, and on Windows log rotation fails while
another process holds the log file. The first copy listens on a local socket (a named
pipe on Windows) named after this user's data folder; a later start finds it, asks it
to show its window, and ends.
"""

from __future__ import annotations

import hashlib
import logging

from PySide6.QtCore import QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

from services.core.paths import data_dir
from ui.gui.signals import emit

log = logging.getLogger(__name__)

CONNECT_TIMEOUT_MS = 1000


def instance_key() -> str:
    # Per data folder: another user, or a test's SIRENTAN_HOME, is another SiRentan.
    digest = hashlib.sha256(str(data_dir().resolve()).encode("utf-8")).hexdigest()[:20]
    return f"sirentan-{digest}"


class SingleInstance(QObject):
    # A later start asked this copy to show its window.
    show_requested = Signal()

    def __init__(self, key: str | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.key = key or instance_key()
        self._server: QLocalServer | None = None

    def claim(self) -> bool:
        """True when this is the only copy (it now listens); False when one already runs."""
        if self._ask_running_copy():
            return False
        # A copy that crashed on Linux leaves its socket file behind; nobody answered on it.
        QLocalServer.removeServer(self.key)
        server = QLocalServer(self)
        server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        if not server.listen(self.key):
            # Still usable without the guard; say why in the log.
            log.warning("single-instance guard not listening: %s", server.errorString())
            return True
        server.newConnection.connect(self._on_connection)
        self._server = server
        return True

    def release(self) -> None:
        if self._server is not None:
            self._server.close()
            self._server = None

    def _ask_running_copy(self) -> bool:
        # Connecting is the whole request: the running copy shows its window.
        socket = QLocalSocket()
        socket.connectToServer(self.key)
        answered = socket.waitForConnected(CONNECT_TIMEOUT_MS)
        socket.abort()
        return answered

    def _on_connection(self) -> None:
        assert self._server is not None
        while (socket := self._server.nextPendingConnection()) is not None:
            socket.abort()
            socket.deleteLater()
            log.info("another start asked this copy to show its window")
            emit(self.show_requested)
