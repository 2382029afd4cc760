"""The accounts as a table: who, which role, where limited, active, last seen, locked."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from services.accounts.service import UserInfo
from services.core.permissions import ROLE_LABELS
from services.workers.regions import RegionDirectory
from ui.gui.formats import moment_text

Index = QModelIndex | QPersistentModelIndex

HEADERS = (
    "Nama pengguna",
    "Nama lengkap",
    "Peran",
    "Batas kecamatan",
    "Status",
    "Terakhir masuk",
    "Terkunci sampai",
)
ALL_KECAMATAN = "Semua kecamatan"
_INACTIVE = QColor("#757575")


class UserTableModel(QAbstractTableModel):
    def __init__(self, regions: RegionDirectory, parent: Any = None) -> None:
        super().__init__(parent)
        self._regions = regions
        self._users: list[UserInfo] = []

    def set_users(self, users: list[UserInfo]) -> None:
        self.beginResetModel()
        self._users = list(users)
        self.endResetModel()

    def user(self, row: int) -> UserInfo | None:
        return self._users[row] if 0 <= row < len(self._users) else None

    def row_of(self, user_id: int) -> int | None:
        return next((i for i, u in enumerate(self._users) if u.id == user_id), None)

    def cells(self, row: int) -> tuple[str, ...]:
        return self._cells(self._users[row])

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._users)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        user = self._users[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._cells(user)[index.column()]
        if role == Qt.ItemDataRole.ForegroundRole and not user.active:
            return _INACTIVE
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return HEADERS[section]
        return None

    def _cells(self, user: UserInfo) -> tuple[str, ...]:
        limits = ", ".join(self._regions.name(c) for c in user.kecamatan_codes)
        status = "Aktif" if user.active else "Nonaktif"
        if user.active and user.must_change_password:
            status = "Aktif (kata sandi sementara)"
        return (
            user.username,
            user.full_name,
            ROLE_LABELS[user.role],
            limits or ALL_KECAMATAN,
            status,
            moment_text(user.last_login_at) if user.last_login_at else "belum pernah",
            self._locked(user),
        )

    def _locked(self, user: UserInfo) -> str:
        if user.locked_until is None:
            return ""
        # The service gives the moments on the office's clock (WIB/WITA/WIT).
        until = user.locked_until
        return moment_text(until) if until > datetime.now(UTC) else ""
