"""Pengaturan kantor (administrators): every office setting by group, the emblem and logo,
and a live preview of the kop and a card. Simpan stores every change in one audited
transaction; a refused value is named under its field and its group is shown."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from services.core.errors import Problem
from services.settings.catalog import GROUP_TITLES, Group
from services.settings.office_images import ImageKind, ImageUpload, OfficeImages, stored_images
from services.settings.store import SettingsService
from ui.gui.app_context import AppContext
from ui.gui.retry import FAILED, UNSAVED, call_or_place, with_retry
from ui.gui.settings.image_field import ImageField
from ui.gui.settings.preview_panel import PreviewPanel
from ui.gui.settings.setting_field import SettingField
from ui.gui.signals import emit
from ui.gui.widgets.discard_prompt import ask_discard
from ui.gui.widgets.notice_banner import NoticeBanner, Tone

# The images sit at the top of the group whose documents print them.
IMAGE_GROUPS = {
    ImageKind.EMBLEM: Group.OFFICE,
    ImageKind.REGIONAL_HEAD: Group.OFFICE,
    ImageKind.CARD_LOGO: Group.CARDS,
}
PREFERRED = (1240, 780)


class SettingsDialog(QDialog):
    saved = Signal()
    district_requested = Signal()

    def __init__(self, app: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Pengaturan kantor")
        self._app = app
        service = SettingsService(app.ctx)
        entries = with_retry(parent, service.entries)
        stored = with_retry(parent, lambda: stored_images(app.ctx))
        self.groups = QListWidget(self)
        self.pages = QStackedWidget(self)
        self.fields: dict[str, SettingField] = {}
        self.images: dict[ImageKind, ImageField] = {}
        self.banner = NoticeBanner(self)
        self.district_button = QPushButton("Ganti wilayah kantor…", self)
        self.preview = PreviewPanel(self._preview_source, app.office_today, self)
        self.buttons = QDialogButtonBox(self)
        self.save_button = self.buttons.addButton("Simpan", QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton("Batal", QDialogButtonBox.ButtonRole.RejectRole)
        self._group_of: dict[str, Group] = {}
        for group in Group:
            self._add_page(group, [e for e in entries if e.spec.group is group], stored)
        self._lay_out()
        self.groups.currentRowChanged.connect(self.pages.setCurrentIndex)
        self.groups.setCurrentRow(0)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        self.district_button.clicked.connect(self.district_requested)
        self._fit_screen()
        self.preview.refresh_now()

    # -- for the window and the tests -----------------------------------------------

    def show_group(self, group: Group) -> None:
        self.groups.setCurrentRow(list(Group).index(group))

    def changed_values(self) -> dict[str, str]:
        return {
            k: f.value() for k, f in self.fields.items() if not f.spec.managed and f.is_changed()
        }

    def changed_images(self) -> dict[ImageKind, ImageUpload | None]:
        result: dict[ImageKind, ImageUpload | None] = {}
        for kind, field in self.images.items():
            changed, upload = field.change()
            if changed:
                result[kind] = upload
        return result

    def has_changes(self) -> bool:
        return bool(self.changed_values() or self.changed_images())

    def save(self) -> bool:
        bad = [f for f in self.fields.values() if not f.check()]
        if bad:
            self._point_at(bad[0].key)
            return False
        values, images = self.changed_values(), self.changed_images()
        if not values and not images:
            self.accept()
            return True
        service = SettingsService(self._app.ctx)
        stored = call_or_place(self, self.banner, self._place, lambda: service.save(values, images))
        if stored is FAILED:
            return False
        emit(self.saved)
        self.accept()
        return True

    def reject(self) -> None:
        """Batal, Esc or the window's close button: unsaved changes are asked about first."""
        if self.has_changes() and not ask_discard(self):
            return
        super().reject()

    # -- inside -----------------------------------------------------------------------

    def _preview_source(self) -> tuple[dict[str, str], OfficeImages]:
        values = {k: f.value() for k, f in self.fields.items()}
        # A value being typed may not pass its check yet: the preview keeps the saved one.
        values = {
            k: (v if self.fields[k].message.problems == [] else self.fields[k].saved_value)
            for k, v in values.items()
        }
        content = {kind: field.content() for kind, field in self.images.items()}
        return values, OfficeImages(
            emblem=content.get(ImageKind.EMBLEM),
            regional_head=content.get(ImageKind.REGIONAL_HEAD),
            card_logo=content.get(ImageKind.CARD_LOGO),
        )

    def _place(self, problems: list[Problem]) -> None:
        """The service's refusal: each problem under its setting, the first one's group shown;
        the banner says what no setting on screen owns (an image's problem)."""
        for problem in problems:
            if problem.field in self.fields:
                self.fields[problem.field].show_problem(problem.text)
        first = next((p.field for p in problems if p.field in self.fields), None)
        elsewhere = "\n".join(p.text for p in problems if p.field not in self.fields)
        if first is not None:
            self._point_at(first)
        if elsewhere or first is None:
            self.banner.show_message(elsewhere or UNSAVED, Tone.ERROR)

    def _point_at(self, key: str) -> None:
        group = self._group_of[key]
        self.show_group(group)
        self.banner.show_message(
            f"Periksa isian bertanda merah di kelompok {GROUP_TITLES[group]}.", Tone.ERROR
        )
        self.fields[key].editor.setFocus()

    def _add_page(self, group: Group, entries: list, stored: dict) -> None:
        self.groups.addItem(GROUP_TITLES[group])
        inner = QWidget(self)
        column = QVBoxLayout(inner)
        column.setContentsMargins(8, 4, 12, 4)
        if group is Group.OFFICE:
            district = QLabel(
                "Wilayah kantor (kode, nama, provinsi) dipilih dari daftar Kemendagri: provinsi "
                "→ kabupaten/kota.",
                inner,
            )
            district.setWordWrap(True)
            row = QHBoxLayout()
            row.addWidget(district, 1)
            row.addWidget(self.district_button)
            column.addLayout(row)
        for kind, image_group in IMAGE_GROUPS.items():
            if image_group is group:
                image_field = ImageField(kind, stored.get(kind), inner)
                image_field.changed.connect(self.preview.refresh)
                self.images[kind] = image_field
                column.addWidget(image_field)
                column.addWidget(_rule(inner))
        for entry in entries:
            field = SettingField(entry.spec, entry.value, inner)
            field.changed.connect(lambda _key: self.preview.refresh())
            self.fields[entry.spec.key] = field
            self._group_of[entry.spec.key] = group
            column.addWidget(field)
        column.addStretch(1)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        # Fields and notes wrap to the width at hand; nothing hides to the right.
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(inner)
        self.pages.addWidget(scroll)

    def _lay_out(self) -> None:
        metrics = self.groups.fontMetrics()
        widest = max(metrics.horizontalAdvance(t) for t in GROUP_TITLES.values())
        self.groups.setFixedWidth(widest + 36)
        body = QHBoxLayout()
        body.addWidget(self.groups)
        body.addWidget(self.pages, 1)
        body.addWidget(self.preview)
        layout = QVBoxLayout(self)
        layout.addLayout(body, 1)
        layout.addWidget(self.banner)
        # Outside the scrolling pages: the buttons stay in sight on any screen.
        layout.addWidget(self.buttons)

    def _fit_screen(self) -> None:
        screen = self.screen() or QGuiApplication.primaryScreen()
        room = screen.availableGeometry()
        self.resize(min(PREFERRED[0], room.width() - 24), min(PREFERRED[1], room.height() - 48))


def _rule(parent: QWidget) -> QFrame:
    line = QFrame(parent)
    line.setFrameShape(QFrame.Shape.HLine)
    line.setFrameShadow(QFrame.Shadow.Sunken)
    return line
