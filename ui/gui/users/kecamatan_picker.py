"""Which kecamatan an account is limited to; none ticked means every kecamatan."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QWidget

from services.workers.regions import RegionItem

CODE_ROLE = Qt.ItemDataRole.UserRole


class KecamatanPicker(QListWidget):
    def __init__(self, kecamatan: list[RegionItem], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        for item in kecamatan:
            row = QListWidgetItem(item.name, self)
            row.setData(CODE_ROLE, item.code)
            row.setFlags(row.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            row.setCheckState(Qt.CheckState.Unchecked)
        self.setToolTip("Centang kecamatan yang boleh dilihat akun ini; kosong: semua kecamatan.")

    def set_codes(self, codes: Iterable[str]) -> None:
        wanted = set(codes)
        for row in range(self.count()):
            item = self.item(row)
            checked = item.data(CODE_ROLE) in wanted
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)

    def codes(self) -> list[str]:
        return [
            self.item(row).data(CODE_ROLE)
            for row in range(self.count())
            if self.item(row).checkState() == Qt.CheckState.Checked
        ]
