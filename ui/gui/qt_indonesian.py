"""Indonesian for the few texts Qt itself shows (edit menus, standard buttons).

Qt ships no Indonesian translation (the PySide6 wheel has no qtbase_id.qm); rather
than a .qm file to build and package, a translator answers these strings from a table,
including every text of Qt's own file dialog.
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
    # Qt ships no Indonesian translation (no qtbase_id.qm in the wheel), so the file
    # dialog's own texts are answered here, as Qt 6 spells them (mnemonics included).
    "QFileDialog": {
        "Look in:": "Lihat di:",
        "&Look in:": "&Lihat di:",
        "File &name:": "&Nama berkas:",
        "Files of type:": "Jenis berkas:",
        "Files of &type:": "&Jenis berkas:",
        "Directory:": "Folder:",
        "&Open": "&Buka",
        "&Save": "&Simpan",
        "&Choose": "&Pilih",
        "Cancel": "Batal",
        "&Delete": "&Hapus",
        "&Rename": "&Ganti nama",
        "&New Folder": "Folder &baru",
        "New Folder": "Folder baru",
        "Show &hidden files": "Tampilkan berkas &tersembunyi",
        "All Files (*)": "Semua berkas (*)",
        "Directories": "Folder",
        "Files": "Berkas",
        "Back": "Kembali",
        "Go back": "Kembali",
        "Forward": "Maju",
        "Go forward": "Maju",
        "Parent Directory": "Folder induk",
        "Go to the parent directory": "Ke folder induk",
        "Create New Folder": "Buat folder baru",
        "Create a New Folder": "Buat folder baru",
        "List View": "Tampilan daftar",
        "Change to list view mode": "Tampilkan sebagai daftar",
        "Detail View": "Tampilan rincian",
        "Change to detail view mode": "Tampilkan dengan rincian",
        "Sidebar": "Panel samping",
        "List of places and bookmarks": "Daftar tempat dan penanda",
        "%1 already exists.\nDo you want to replace it?": "%1 sudah ada.\nGanti berkas itu?",
        "Are you sure you want to delete '%1'?": "Yakin menghapus '%1'?",
        "Recent Places": "Tempat terakhir",
    },
    "QFileSystemModel": {
        "Name": "Nama",
        "Size": "Ukuran",
        "Type": "Jenis",
        "Date Modified": "Tanggal diubah",
        "Computer": "Komputer",
        "My Computer": "Komputer",
    },
    "QAbstractFileIconProvider": {"Folder": "Folder", "Drive": "Drive", "File": "Berkas"},
}


class IndonesianQtTexts(QTranslator):
    def translate(
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
