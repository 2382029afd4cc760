"""Indonesian for the few texts Qt itself shows (edit menus, standard buttons).

Qt ships no Indonesian translation; rather than a .qm file to build and
package, a translator answers these strings from a table.
"""

from __future__ import annotations

from PySide6.QtCore import QTranslator

_EDIT_MENU = {
    "&Undo": "&Urungkan",
    "&Redo": "&Ulangi",
    "Cu&t": "Po&tong",
    "&Copy": "&Salin",
    "&Paste": "T&empel",
    "Delete": "Hapus",
    "Select All": "Pilih semua",
    "Copy &Link Location": "Salin &alamat tautan",
}

_TEXTS: dict[str, dict[str, str]] = {
    "QLineEdit": _EDIT_MENU,
    "QWidgetTextControl": _EDIT_MENU,
    "QPlatformTheme": {
        "OK": "OK",
        "Cancel": "Batal",
        "Close": "Tutup",
        "Yes": "Ya",
        "No": "Tidak",
        "Save": "Simpan",
        "Discard": "Buang",
        "Apply": "Terapkan",
        "Reset": "Atur ulang",
        "Help": "Bantuan",
        "Open": "Buka",
    },
    "QCalendarWidget": {"Today": "Hari ini"},
    "QFileDialog": {
        "Look in:": "Lihat di:",
        "File &name:": "&Nama berkas:",
        "Files of type:": "Jenis berkas:",
        "&Open": "&Buka",
        "&Save": "&Simpan",
        "Cancel": "Batal",
    },
}


class IndonesianQtTexts(QTranslator):
    def translate(  # type: ignore[override]
        self,
        context: str,
        source_text: str,
        disambiguation: str | None = None,
        n: int = -1,
    ) -> str | None:
        # None (a null string) makes Qt keep the original text; "" would blank it out.
        return _TEXTS.get(context, {}).get(source_text)

    def isEmpty(self) -> bool:
        return False
