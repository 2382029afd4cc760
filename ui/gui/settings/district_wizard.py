"""Wilayah kantor: the short set-up after the first administrator (and from the Pengaturan
menu later). Province → kabupaten/kota from the Kemendagri list, the office, its officials
and the BPJS branch; Selesai stores them in one transaction (services/settings/district.py)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from services.core.context import ServiceContext
from services.core.errors import Problem
from services.settings.catalog import SPECS
from services.settings.district import (
    DistrictSetup,
    Official,
    RegionChoice,
    apply_district,
    bare_name,
    districts_of,
    is_city,
    provinces,
    regional_head_title,
)
from services.settings.store import SettingsService
from ui.gui.retry import FAILED, call_or_place, with_retry
from ui.gui.settings.setting_field import NOTE_STYLE, SettingField
from ui.gui.widgets.field_message import FieldMessage
from ui.gui.widgets.notice_banner import NoticeBanner, Tone

STEPS = ("Wilayah", "Kantor", "Penandatangan", "BPJS")
OFFICE_KEYS = (
    "office.name",
    "office.address",
    "office.postal_code",
    "office.phone",
    "office.email",
)
BPJS_KEYS = ("bpjs.branch_name", "bpjs.branch_town", "bpjs.branch_address", "bpjs.branch_phone")
PREFERRED = (760, 620)


class DistrictWizard(QDialog):
    def __init__(self, ctx: ServiceContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Penyiapan wilayah kantor")
        self._ctx = ctx
        current = with_retry(parent, SettingsService(ctx).get_all)
        self._current = current
        self.step_label = QLabel(self)
        self.stack = QStackedWidget(self)
        self.banner = NoticeBanner(self)
        self.back_button = QPushButton("Kembali", self)
        self.next_button = QPushButton("Lanjut", self)
        self.finish_button = QPushButton("Selesai", self)
        self.later_button = QPushButton("Nanti saja", self)
        self.applied: dict[str, str] | None = None
        # Page 1: the district.
        self.province = QComboBox(self)
        self.district = QComboBox(self)
        self.capital = QLineEdit(self)
        self.capital.setPlaceholderText("mis. Kefamenanu")
        self.head_title = QLabel(self)
        self.region_message = FieldMessage(self)
        self.capital_message = FieldMessage(self)
        # Pages 2 and 4: the office and the BPJS branch, checked like the Pengaturan screen.
        self.fields: dict[str, SettingField] = {}
        # Page 3: the officials.
        self.head_name = QLineEdit(self)
        self.head_nip = QLineEdit(self)
        self.head_rank = QLineEdit(self)
        self.regional_head = QLineEdit(self)
        self.official_message = FieldMessage(self)
        self.stack.addWidget(self._region_page())
        self.stack.addWidget(self._fields_page(OFFICE_KEYS, "Data kantor untuk kop surat."))
        self.stack.addWidget(self._officials_page())
        self.stack.addWidget(
            self._fields_page(BPJS_KEYS, "Kantor cabang BPJS Ketenagakerjaan yang melayani.")
        )
        self._lay_out()
        self._fill_provinces()
        self.province.currentIndexChanged.connect(lambda _i: self._fill_districts())
        self.district.currentIndexChanged.connect(lambda _i: self._district_chosen())
        self.back_button.clicked.connect(lambda: self.go(self.stack.currentIndex() - 1))
        self.next_button.clicked.connect(lambda: self.go(self.stack.currentIndex() + 1))
        self.finish_button.clicked.connect(self.finish)
        self.later_button.clicked.connect(self.reject)
        self.go(0)
        self._fit_screen()

    # -- for the flow and the tests ---------------------------------------------------

    def choose(self, province_code: str, district_code: str) -> None:
        self.province.setCurrentIndex(self.province.findData(province_code))
        self.district.setCurrentIndex(self.district.findData(district_code))

    def go(self, step: int) -> None:
        step = max(0, min(step, len(STEPS) - 1))
        if step > self.stack.currentIndex() and not self._page_ok(self.stack.currentIndex()):
            return
        self._show_step(step)

    def _show_step(self, step: int) -> None:
        self.stack.setCurrentIndex(step)
        self.step_label.setText(f"<b>Langkah {step + 1} dari {len(STEPS)}: {STEPS[step]}</b>")
        self.back_button.setEnabled(step > 0)
        last = step == len(STEPS) - 1
        self.next_button.setVisible(not last)
        self.finish_button.setVisible(last)
        (self.finish_button if last else self.next_button).setDefault(True)

    def setup(self) -> DistrictSetup:
        office = {k: f.value() for k, f in self.fields.items()}
        head = self.head_name.text().strip()
        regional = self.regional_head.text().strip()
        return DistrictSetup(
            kabupaten_code=str(self.district.currentData() or ""),
            capital=self.capital.text(),
            office=office,
            head_of_office=Official(head, self.head_nip.text(), self.head_rank.text())
            if head
            else None,
            regional_head=Official(regional) if regional else None,
        )

    def finish(self) -> bool:
        bad = [i for i in range(len(STEPS)) if not self._page_ok(i)]
        if bad:
            self._show_step(bad[0])
            return False
        applied = call_or_place(
            self, self.banner, self._place, lambda: apply_district(self._ctx, self.setup())
        )
        if applied is FAILED:
            return False
        self.applied = applied
        self.accept()
        return True

    # -- inside -----------------------------------------------------------------------

    def _page_ok(self, step: int) -> bool:
        if step == 0:
            ok = self.district.currentData() is not None
            self.region_message.show_problems(
                [] if ok else [Problem("district", "district", "Pilih kabupaten/kota.")]
            )
            name = self.district.currentText()
            needs_capital = not is_city(name) and not self.capital.text().strip()
            self.capital_message.show_problems(
                [Problem("capital", "capital", "Wajib diisi untuk kabupaten.")]
                if needs_capital
                else []
            )
            return ok and not needs_capital
        keys = OFFICE_KEYS if step == 1 else BPJS_KEYS if step == 3 else ()
        return all([self.fields[k].check() for k in keys])

    def _place(self, problems: list[Problem]) -> None:
        """Each refused value under its field, and the page of the first one shown."""
        pages: list[int] = []
        for problem in problems:
            if problem.field in self.fields:
                self.fields[problem.field].show_problem(problem.text)
                pages.append(1 if problem.field in OFFICE_KEYS else 3)
            elif problem.field in ("capital", "kabupaten_code"):
                target = self.capital_message if problem.field == "capital" else self.region_message
                target.show_problems([problem])
                pages.append(0)
            else:  # the officials (name, NIP)
                self.official_message.show_problems([problem])
                pages.append(2)
        self.banner.show_message("Periksa isian yang ditandai merah.", Tone.ERROR)
        if pages:
            self._show_step(min(pages))

    def _fill_provinces(self) -> None:
        chosen = self._current["district.kabupaten_code"]
        for item in with_retry(self, lambda: provinces(self._ctx)):
            self.province.addItem(item.name, item.code)
        self.province.setCurrentIndex(max(self.province.findData(chosen.split(".")[0]), 0))
        self._fill_districts()
        self.district.setCurrentIndex(max(self.district.findData(chosen), 0))
        self._district_chosen()

    def _fill_districts(self) -> None:
        province = str(self.province.currentData())
        choices: list[RegionChoice] = with_retry(self, lambda: districts_of(self._ctx, province))
        self.district.blockSignals(True)
        self.district.clear()
        for item in choices:
            self.district.addItem(item.name, item.code)
        self.district.blockSignals(False)
        self._district_chosen()

    def _district_chosen(self) -> None:
        name = self.district.currentText()
        if not name:
            return
        self.head_title.setText(f"Jabatan kepala daerah: <b>{regional_head_title(name)}</b>")
        same = self.district.currentData() == self._current["district.kabupaten_code"]
        for key in ("office.address", "office.postal_code"):
            field = self.fields.get(key)
            if field is not None:  # the old district's street would print on the new kop
                field.set_value(self._current[key] if same else "")
                field.show_problem(None)  # asked for when the clerk moves on, not before
        if same:
            self.capital.setText(self._current["district.capital"])
        elif is_city(name):
            self.capital.setText(bare_name(name))
        else:
            self.capital.clear()
        self.capital.setPlaceholderText(
            f"ibu kota {name}" if not is_city(name) else bare_name(name)
        )

    def _region_page(self) -> QWidget:
        page = QWidget(self)
        grid = QGridLayout(page)
        note = QLabel(
            "Pilih wilayah kantor dari daftar Kemendagri (38 provinsi, 514 kabupaten/kota). "
            "Wilayah menentukan desa dan kecamatan peserta, pemeriksaan NIK, kop surat, "
            "nomor surat dan laporan.",
            page,
        )
        note.setWordWrap(True)
        grid.addWidget(note, 0, 0, 1, 2)
        grid.addWidget(QLabel("Provinsi", page), 1, 0)
        grid.addWidget(self.province, 1, 1)
        grid.addWidget(QLabel("Kabupaten/kota", page), 2, 0)
        grid.addWidget(self.district, 2, 1)
        grid.addWidget(self.region_message, 3, 1)
        grid.addWidget(QLabel("Kota kedudukan kantor", page), 4, 0)
        grid.addWidget(self.capital, 4, 1)
        grid.addWidget(self.capital_message, 5, 1)
        grid.addWidget(self.head_title, 6, 1)
        grid.setColumnStretch(1, 1)
        grid.setRowStretch(7, 1)
        return page

    def _fields_page(self, keys: tuple[str, ...], text: str) -> QWidget:
        inner = QWidget(self)
        column = QVBoxLayout(inner)
        intro = QLabel(text, inner)
        intro.setWordWrap(True)
        column.addWidget(intro)
        for key in keys:
            field = SettingField(SPECS[key], self._current[key], inner)
            self.fields[key] = field
            column.addWidget(field)
        column.addStretch(1)
        return _scrolled(self, inner)

    def _officials_page(self) -> QWidget:
        inner = QWidget(self)
        grid = QGridLayout(inner)
        note = QLabel(
            "Pejabat yang menandatangani surat, kartu dan PKS. Boleh dilewati dan ditambah "
            "nanti di Surat & PKS → Penandatangan.",
            inner,
        )
        note.setWordWrap(True)
        grid.addWidget(note, 0, 0, 1, 2)
        self.head_nip.setPlaceholderText("18 angka")
        self.head_rank.setPlaceholderText("mis. Pembina Utama Muda (IV/c)")
        rows = (
            ("Nama kepala kantor", self.head_name),
            ("NIP kepala kantor", self.head_nip),
            ("Pangkat/golongan", self.head_rank),
            ("Nama kepala daerah", self.regional_head),
        )
        for row, (label, edit) in enumerate(rows, start=1):
            grid.addWidget(QLabel(label, inner), row, 0)
            grid.addWidget(edit, row, 1)
        grid.addWidget(self.official_message, len(rows) + 1, 1)
        hint = QLabel("Kepala daerah menandatangani tanpa NIP (kop kepala daerah).", inner)
        hint.setStyleSheet(NOTE_STYLE)
        grid.addWidget(hint, len(rows) + 2, 1)
        grid.setColumnStretch(1, 1)
        grid.setRowStretch(len(rows) + 3, 1)
        return _scrolled(self, inner)

    def _lay_out(self) -> None:
        for button in (self.back_button, self.next_button, self.later_button):
            button.setAutoDefault(False)
        buttons = QHBoxLayout()
        buttons.addWidget(self.later_button)
        buttons.addStretch(1)
        buttons.addWidget(self.back_button)
        buttons.addWidget(self.next_button)
        buttons.addWidget(self.finish_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.step_label)
        layout.addWidget(self.stack, 1)
        layout.addWidget(self.banner)
        # Outside the scrolling pages: always in sight.
        layout.addLayout(buttons)

    def _fit_screen(self) -> None:
        screen = self.screen() or QGuiApplication.primaryScreen()
        room = screen.availableGeometry()
        self.resize(min(PREFERRED[0], room.width() - 24), min(PREFERRED[1], room.height() - 48))


def _scrolled(parent: QWidget, inner: QWidget) -> QScrollArea:
    scroll = QScrollArea(parent)
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QFrame.Shape.NoFrame)
    scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    scroll.setWidget(inner)
    return scroll
