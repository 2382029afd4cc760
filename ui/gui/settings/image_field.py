"""The district emblem, the regional head's and the card logo on the Pengaturan screen: a
thumbnail, the file's facts, "Pilih gambar…" (checked at once) and "Pakai bawaan"."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from services.core.errors import Problem, SiRentanError
from services.settings.office_images import (
    IMAGE_HINTS,
    IMAGE_TITLES,
    ImageKind,
    ImageUpload,
    StoredImage,
    check_image,
    read_image_file,
)
from ui.gui.settings.setting_field import NOTE_STYLE
from ui.gui.signals import emit
from ui.gui.widgets.field_message import FieldMessage
from ui.gui.widgets.file_dialogs import ask_open_file

THUMB = 64
PLACEHOLDER_TEXT = "Belum ada: dicetak gambar contoh."


class ImageField(QWidget):
    changed = Signal()

    def __init__(
        self, kind: ImageKind, stored: StoredImage | None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.kind = kind
        self.stored = stored
        # None: unchanged; an upload: chosen; CLEARED: back to the placeholder on save.
        self.pending: ImageUpload | None = None
        self.cleared = False
        self.thumb = QLabel(self)
        self.thumb.setFixedSize(THUMB, THUMB)
        self.thumb.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.thumb.setStyleSheet("border:1px solid #ccc; background:white;")
        self.facts = QLabel(self)
        self.facts.setWordWrap(True)
        self.choose_button = QPushButton("Pilih gambar…", self)
        self.clear_button = QPushButton("Pakai bawaan", self)
        self.message = FieldMessage(self)
        title = QLabel(f"<b>{IMAGE_TITLES[kind]}</b>", self)
        note = QLabel(
            f"{IMAGE_HINTS[kind]} PNG atau JPEG, paling sedikit 200 piksel tiap sisi, paling "
            "besar 2 MB.",
            self,
        )
        note.setWordWrap(True)
        note.setStyleSheet(NOTE_STYLE)
        buttons = QVBoxLayout()
        buttons.addWidget(self.choose_button)
        buttons.addWidget(self.clear_button)
        buttons.addStretch(1)
        row = QHBoxLayout()
        row.addWidget(self.thumb)
        row.addWidget(self.facts, 1)
        row.addLayout(buttons)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 4)
        layout.setSpacing(2)
        layout.addWidget(title)
        layout.addLayout(row)
        layout.addWidget(self.message)
        layout.addWidget(note)
        self.choose_button.clicked.connect(self.choose)
        self.clear_button.clicked.connect(self.clear)
        self._show()

    def content(self) -> bytes | None:
        """What will be printed after Simpan (None: the placeholder)."""
        if self.cleared:
            return None
        if self.pending is not None:
            return self.pending.content
        return self.stored.content if self.stored is not None else None

    def change(self) -> tuple[bool, ImageUpload | None]:
        """(changed?, the upload or None for the placeholder)."""
        if self.pending is not None:
            return True, self.pending
        return (self.cleared and self.stored is not None), None

    def choose(self) -> None:
        chosen = ask_open_file(
            self,
            f"Pilih {IMAGE_TITLES[self.kind].lower()}",
            Path.home(),
            "Gambar PNG atau JPEG (*.png *.jpg *.jpeg)",
        )
        if chosen is not None:
            self.take_file(chosen)

    def take_file(self, path: Path) -> bool:
        """Check the file at once; the message under the field says what is wrong."""
        try:
            content = read_image_file(path, self.kind)
            check_image(content, self.kind, path.name)
        except SiRentanError as error:
            problems = getattr(error, "problems", None) or [
                Problem("image", self.kind.value, error.message)
            ]
            self.message.show_problems(problems)
            return False
        self.message.show_problems([])
        self.pending = ImageUpload(content, path.name)
        self.cleared = False
        self._show()
        emit(self.changed)
        return True

    def clear(self) -> None:
        self.pending = None
        self.cleared = True
        self.message.show_problems([])
        self._show()
        emit(self.changed)

    def _show(self) -> None:
        content = self.content()
        if content is None:
            self.thumb.setPixmap(QPixmap())
            self.thumb.setText("—")
            self.facts.setText(PLACEHOLDER_TEXT)
            self.clear_button.setEnabled(False)
            return
        pixmap = QPixmap()
        pixmap.loadFromData(content)
        self.thumb.setPixmap(
            pixmap.scaled(
                THUMB - 4,
                THUMB - 4,
                Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation,
            )
        )
        if self.pending is not None:
            source = f"{self.pending.file_name} (belum disimpan)"
        else:
            assert self.stored is not None
            source = self.stored.file_name
        self.facts.setText(f"{source}\n{pixmap.width()} × {pixmap.height()} piksel")
        self.clear_button.setEnabled(True)
