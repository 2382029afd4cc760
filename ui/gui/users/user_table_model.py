"""The accounts as a table: who, which role, where limited, active, last seen, locked."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from services.accounts.service import UserInfo
from services.core.permissions import ROLE_LABELS
from services.workers.regions import RegionDirectory
from ui.gui.formats import moment_text
from ui.gui.widgets.record_table import Column, Index, RecordTableModel

ALL_KECAMATAN = "Semua kecamatan"
_INACTIVE = QColor("#757575")


def user_columns(regions: RegionDirectory) -> tuple[Column[UserInfo], ...]:
    def limits(user: UserInfo) -> str:
        return ", ".join(regions.name(c) for c in user.kecamatan_codes) or ALL_KECAMATAN

    return (
        Column("Nama pengguna", lambda u: u.username),
        Column("Nama lengkap", lambda u: u.full_name),
        Column("Peran", lambda u: ROLE_LABELS[u.role]),
        Column("Batas kecamatan", limits),
        Column("Status", _status),
        Column(
            "Terakhir masuk",
            lambda u: moment_text(u.last_login_at) if u.last_login_at else "belum pernah",
        ),
        Column("Terkunci sampai", _locked),
    )


class UserTableModel(RecordTableModel[UserInfo]):
    """The accounts, an inactive one greyed."""

    def __init__(self, regions: RegionDirectory, parent: Any = None) -> None:
        super().__init__(user_columns(regions), parent=parent)

    def row_of(self, user_id: int) -> int | None:
        return next((i for i, u in enumerate(self.rows()) if u.id == user_id), None)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        user = self.record(index.row()) if index.isValid() else None
        if role == Qt.ItemDataRole.ForegroundRole:
            return _INACTIVE if user is not None and not user.active else None
        return super().data(index, role)


def _status(user: UserInfo) -> str:
    if user.active and user.must_change_password:
        return "Aktif (kata sandi sementara)"
    return "Aktif" if user.active else "Nonaktif"


def _locked(user: UserInfo) -> str:
    # The service gives the moments on the office's clock (WIB/WITA/WIT).
    until = user.locked_until
    return moment_text(until) if until is not None and until > datetime.now(UTC) else ""
