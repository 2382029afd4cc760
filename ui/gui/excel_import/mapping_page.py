"""Step 2: which column of the file holds which field, with an example value for each."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from models.enums import FundingSource
from services.excel_import import FIELD_LABELS, ColumnMapping, SourceTable, mapping_problems
from services.text.labels import FUNDING
from ui.gui.excel_import.grid_preview import cell_text, column_letter
from ui.gui.signals import emit
from ui.gui.widgets.choice_combo import ChoiceCombo
from ui.gui.widgets.notice_banner import NoticeBanner, Tone

NOT_IMPORTED = "(tidak diimpor)"
# Always needed; the birth date and the village may come from either of two columns.
REQUIRED = {"nik", "full_name"}
EITHER = {"birth_date", "birth_place_date", "village", "village_code"}
_SAMPLE_ROWS = 20


def column_choice(index: int, header: str) -> str:
    return f"{column_letter(index)} – {header or '(tanpa judul)'}"


def sample_value(source: SourceTable, column: int) -> str:
    """The first filled cell of the column below the header, to show what it holds."""
    for row in source.grid[source.data_start : source.data_start + _SAMPLE_ROWS]:
        if column < len(row):
            text = cell_text(row[column])
            if text:
                return text
    return ""


class MappingPage(QWidget):
    mapping_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.source: SourceTable | None = None
        self.mapping = ColumnMapping()
        self.origin = QLabel(self)
        self.problems = NoticeBanner(self)
        self.moved = NoticeBanner(self)
        self.combos: dict[str, ChoiceCombo] = {}
        self.samples: dict[str, QLabel] = {}
        self.funding = ChoiceCombo(self)
        self.sample_heading = QLabel(self)
        self._lay_out()

    def show_mapping(self, source: SourceTable, mapping: ColumnMapping, remembered: bool) -> None:
        self.source = source
        choices = [(column_choice(i, h), i) for i, h in enumerate(source.headers)]
        for combo in self.combos.values():
            combo.set_choices(choices, NOT_IMPORTED)
        self.origin.setText(
            "Susunan kolom ini dipakai pada impor sebelumnya dengan judul kolom yang sama."
            if remembered
            else "Susunan kolom ditebak dari judul kolom berkas. Periksa setiap isian."
        )
        self.sample_heading.setText(f"<b>Contoh isi (mulai baris {source.data_start + 1})</b>")
        self.moved.clear_message()
        self._apply(mapping)

    def problem_list(self) -> list[str]:
        if self.source is None:
            return ["Pilih berkas dulu."]
        return mapping_problems(self.mapping, self.source.width)

    def default_funding(self) -> FundingSource:
        return self.funding.value() or FundingSource.APBD_KABUPATEN

    def choose(self, field: str, column: int | None) -> None:
        """Put ``field`` on ``column`` as the clerk does with the combo."""
        taken = next((f for f, c in self.mapping.columns.items() if c == column), None)
        self._apply(self.mapping.with_field(field, column))
        if column is not None and taken not in (None, field):
            self.moved.show_message(
                f"Kolom {column_letter(column)} tadinya untuk {FIELD_LABELS[taken]}; sekarang "
                f"untuk {FIELD_LABELS[field]}. {FIELD_LABELS[taken]} tidak diimpor lagi.",
                Tone.INFO,
            )
        else:
            self.moved.clear_message()

    def _apply(self, mapping: ColumnMapping) -> None:
        self.mapping = mapping
        for field, combo in self.combos.items():
            column = mapping.column_of(field)
            combo.set_value(column)
            sample = sample_value(self.source, column) if self.source and column is not None else ""
            self.samples[field].setText(sample)
        problems = self.problem_list()
        if problems:
            self.problems.show_message("\n".join(f"• {p}" for p in problems), Tone.WARNING)
        else:
            self.problems.clear_message()
        emit(self.mapping_changed)

    def _lay_out(self) -> None:
        self.origin.setWordWrap(True)
        grid = QGridLayout()
        grid.setHorizontalSpacing(12)
        for column, title in enumerate(("Isian", "Kolom di berkas")):
            grid.addWidget(QLabel(f"<b>{title}</b>", self), 0, column)
        grid.addWidget(self.sample_heading, 0, 2)
        for row, (field, label) in enumerate(FIELD_LABELS.items(), start=1):
            text = f"<b>{label} *</b>" if field in REQUIRED else label
            text = f"<b>{label} †</b>" if field in EITHER else text
            combo = ChoiceCombo(self)
            combo.setMinimumContentsLength(26)
            combo.activated.connect(lambda _i, f=field, c=combo: self.choose(f, c.value()))
            sample = QLabel(self)
            sample.setStyleSheet("color:#3c4043")
            grid.addWidget(QLabel(text, self), row, 0)
            grid.addWidget(combo, row, 1)
            grid.addWidget(sample, row, 2)
            self.combos[field] = combo
            self.samples[field] = sample
        grid.setColumnStretch(2, 1)
        fields = QWidget(self)
        fields.setLayout(grid)
        scroll = QScrollArea(self)
        scroll.setWidget(fields)
        scroll.setWidgetResizable(True)
        note = QLabel(
            "* wajib. † wajib salah satu: Tanggal lahir atau Tempat, tanggal lahir; "
            "Desa/Kelurahan atau Kode desa.",
            self,
        )
        note.setWordWrap(True)
        note.setStyleSheet("color:#5f6368")
        self.funding.set_choices([(v, k) for k, v in FUNDING.items()], None)
        self.funding.set_value(FundingSource.APBD_KABUPATEN)
        self.funding.setToolTip(
            "Dipakai untuk baris yang kolom sumber dananya kosong atau tidak ada"
        )
        funding = QHBoxLayout()
        funding.addWidget(QLabel("Sumber dana bila tidak diisi di berkas:", self))
        funding.addWidget(self.funding)
        funding.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.origin)
        layout.addWidget(scroll, 1)
        layout.addWidget(note)
        layout.addLayout(funding)
        layout.addWidget(self.moved)
        layout.addWidget(self.problems)
